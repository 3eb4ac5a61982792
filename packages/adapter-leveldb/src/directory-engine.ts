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
  private readonly beforeOpen: (() => Promise<void>) | undefined;

  /**
   * @param directory - absolute path of the LevelDB directory; created (with its parents) on
   *   open if missing.
   * @param options - `beforeOpen` runs on every open once earlier engines on the directory
   *   have finished closing or destroying, before LevelDB opens it: the place to read or
   *   convert what the directory holds without meeting a half-removed one.
   */
  constructor(
    readonly directory: string,
    options: { beforeOpen?: () => Promise<void> } = {},
  ) {
    // Created on open, after the handoff: a classic-level database starts opening (taking
    // the LOCK) as soon as it is constructed.
    super(() => new ClassicLevel(directory), { owned: true });
    this.beforeOpen = options.beforeOpen;
  }

  override close(): Promise<void> {
    return handoff.release(this.directory, super.close());
  }

  /** Closes the store and removes its directory. */
  override destroy(): Promise<void> {
    return handoff.after(this.directory, () => this.closeAndRemove());
  }

  /**
   * Opens in turn with the other opens, closes and removals of the directory: a removal asked
   * for meanwhile (a view cleanup destroying an index another handle is reopening) waits for
   * the open instead of deleting files LevelDB is creating.
   */
  protected override async openDatabase(): Promise<Level> {
    let level: Level | undefined;
    await handoff.after(this.directory, async () => {
      await this.beforeOpen?.();
      try {
        level = await super.openDatabase();
      } catch (err) {
        throw isLockedError(err) ? lockedError(err, this.directory) : err;
      }
    });
    return level as Level;
  }

  private async closeAndRemove(): Promise<void> {
    await super.close();
    await rm(this.directory, { recursive: true, force: true });
  }
}
