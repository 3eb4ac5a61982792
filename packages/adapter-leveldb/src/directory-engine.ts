import { rm } from 'node:fs/promises';
import { ClassicLevel } from 'classic-level';
import { Handoff } from './handoff.js';
import type { Level } from './level-stores.js';
import { LevelEngine } from './leveldb-engine.js';
import { isLockedError, lockedError } from './locked-error.js';

/** Close and destroy order per directory, shared by every engine of this process. */
const handoff = new Handoff();

/**
 * A {@link LevelEngine} over a classic-level (LevelDB) store that it creates in `directory`
 * and owns: it waits for an earlier engine on the same directory to finish closing, reports a
 * directory locked by another process as a clear error, and `destroy()` deletes the directory.
 */
export class DirectoryEngine extends LevelEngine {
  /**
   * @param directory - absolute path of the LevelDB directory; created (with its parents) on
   *   open if missing.
   */
  constructor(readonly directory: string) {
    // Created on open, after the handoff: a classic-level database starts opening (taking
    // the LOCK) as soon as it is constructed.
    super(() => new ClassicLevel(directory), { owned: true });
  }

  override close(): Promise<void> {
    return handoff.release(this.directory, super.close());
  }

  /** Closes the store and removes its directory. */
  override destroy(): Promise<void> {
    return handoff.release(this.directory, this.closeAndRemove());
  }

  protected override async openDatabase(): Promise<Level> {
    await handoff.wait(this.directory);
    try {
      return await super.openDatabase();
    } catch (err) {
      throw isLockedError(err) ? lockedError(err, this.directory) : err;
    }
  }

  private async closeAndRemove(): Promise<void> {
    await super.close();
    await rm(this.directory, { recursive: true, force: true });
  }
}
