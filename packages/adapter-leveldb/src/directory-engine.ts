import { access, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createError } from '@satchel/core';
import { ClassicLevel } from 'classic-level';
import { Handoff } from './handoff.js';
import { isLevelDbFile } from './level-files.js';
import type { Level } from './level-stores.js';
import { LevelEngine } from './leveldb-engine.js';
import { isLockedError, lockedError } from './locked-error.js';

/** Close and destroy order per directory, shared by every engine of this process. */
const handoff = new Handoff();

/**
 * Written into the directory before `destroy()` removes a file, removed after the others: the
 * files go one by one, and a process killed in between leaves a store LevelDB refuses (a
 * MANIFEST naming removed tables) or reads in part (CURRENT gone, logs replayed). A directory
 * holding it is a destroy cut short, which the next open finishes: a destroyed database is
 * then empty, never half there.
 */
export const DESTROYING_MARKER = 'DESTROYING-SATCHEL-DATABASE';

/**
 * A {@link LevelEngine} over a classic-level (LevelDB) store that it creates in `directory`
 * and owns: it waits for an earlier engine on the same directory to finish closing, reports a
 * directory locked by another process as a clear error, and `destroy()` deletes the database's
 * files, then the directory if nothing else is in it.
 */
export class DirectoryEngine extends LevelEngine {
  private readonly beforeOpen: (() => Promise<void>) | undefined;
  private readonly ownFiles: readonly string[];

  /**
   * @param directory - absolute path of the LevelDB directory; created on open if missing. Its
   *   parent must exist, as LevelDB (and so PouchDB) requires.
   * @param options - `beforeOpen` runs on every open once earlier engines on the directory
   *   have finished closing or destroying, before LevelDB opens it: the place to read or
   *   convert what the directory holds without meeting a half-removed one. `ownFiles` names
   *   files besides LevelDB's that belong to the database (a marker), deleted with it.
   */
  constructor(
    readonly directory: string,
    options: { beforeOpen?: () => Promise<void>; ownFiles?: readonly string[] } = {},
  ) {
    // Created on open, after the handoff: a classic-level database starts opening (taking
    // the LOCK) as soon as it is constructed.
    super(() => new ClassicLevel(directory), { owned: true });
    this.beforeOpen = options.beforeOpen;
    this.ownFiles = options.ownFiles ?? [];
  }

  override close(): Promise<void> {
    return handoff.release(this.directory, super.close());
  }

  /** Closes the store and removes its files, and its directory once empty. */
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
      await assertParentExists(this.directory);
      await this.finishDestroy();
      await this.beforeOpen?.();
      try {
        level = await super.openDatabase();
      } catch (err) {
        throw isLockedError(err) ? lockedError(err, this.directory) : err;
      }
    });
    return level as Level;
  }

  /**
   * LevelDB's own files and the database's other files only: a name is a path, so a database
   * may have been opened in a directory holding someone else's files, and deleting the
   * directory whole would take them along. By name rather than with LevelDB's `DestroyDB`,
   * which waits for no one: a view cleanup removes an index another handle may hold open.
   */
  private async closeAndRemove(): Promise<void> {
    await super.close();
    const marked = await writeFile(join(this.directory, DESTROYING_MARKER), '').then(
      () => true,
      (err: NodeJS.ErrnoException) => {
        // No directory: nothing to remove.
        if (err.code === 'ENOENT') return false;
        throw err;
      },
    );
    if (!marked) return;
    await this.removeFiles();
    await rmdir(this.directory).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT' && err.code !== 'ENOTEMPTY') throw err;
    });
  }

  /** Completes a destroy cut short (see {@link DESTROYING_MARKER}), before anything reads the directory. */
  private async finishDestroy(): Promise<void> {
    const marker = join(this.directory, DESTROYING_MARKER);
    const found = await access(marker).then(
      () => true,
      () => false,
    );
    if (found) await this.removeFiles();
  }

  /** Removes the database's files, the destroy marker last. */
  private async removeFiles(): Promise<void> {
    const names = await readdir(this.directory).catch(() => [] as string[]);
    const mine = names.filter((name) => isLevelDbFile(name) || this.ownFiles.includes(name));
    await Promise.all(mine.map((name) => rm(join(this.directory, name), { force: true })));
    await rm(join(this.directory, DESTROYING_MARKER), { force: true });
  }
}

/**
 * Refuses a database whose parent directory is missing. classic-level would create every
 * missing parent, so a mistyped path or prefix would grow a directory tree somewhere
 * unexpected; LevelDB itself, and so PouchDB, creates only the database's own directory.
 */
async function assertParentExists(directory: string): Promise<void> {
  const parent = dirname(directory);
  const found = await stat(parent).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    throw err;
  });
  if (found?.isDirectory()) return;
  throw createError({
    status: 500,
    name: 'OpenError',
    message:
      `Cannot open database "${directory}": its parent directory "${parent}" does not exist ` +
      '(LevelDB creates the database directory only, not its parents)',
  });
}
