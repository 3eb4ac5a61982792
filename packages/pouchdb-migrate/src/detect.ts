import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isLevelDbRecordFile, isLockedError, lockedError } from '@satchel/adapter-leveldb';
import { ClassicLevel } from 'classic-level';
import { exists } from './durable-files.js';
import { migrationError } from './migration-error.js';
import { MIGRATED_MARKER } from './migration-paths.js';
import { SEP, storeOfKey } from './pouch-layout.js';
import { reason } from './pouch-source.js';

/**
 * What a directory holds, as far as opening it is concerned:
 * - `absent`: no LevelDB database there (a new database will be created);
 * - `pouchdb`: a database written by PouchDB's leveldb adapter, and nothing else;
 * - `satchel`: anything else LevelDB opens (Satchel's own data, or an empty database).
 */
export type DirectoryKind = 'absent' | 'pouchdb' | 'satchel';

/**
 * Looks at `directory` without changing a key in it. A directory another process holds gives
 * the adapter's usual `OpenError` (`code: 'LEVEL_LOCKED'`). A directory that holds both PouchDB's
 * keys and other keys (Satchel's, written by a version that did not know PouchDB's format) is
 * refused with an error, rather than guessing which of the two the user means.
 */
export async function inspectDirectory(directory: string): Promise<DirectoryKind> {
  if (await exists(join(directory, MIGRATED_MARKER))) return 'satchel';
  if (!(await exists(join(directory, 'CURRENT')))) {
    if (await holdsLevelData(directory)) throw missingCurrent(directory);
    return 'absent';
  }
  const db = new ClassicLevel<string, string>(directory, { createIfMissing: false });
  try {
    await db.open();
  } catch (err) {
    // Not knowing what is there, opening it as Satchel's could mix formats: report the lock.
    if (isLockedError(err)) throw lockedError(err, directory);
    throw migrationError(
      directory,
      'unknown format',
      `LevelDB could not open it (${reason(err)})`,
      err,
    );
  }
  try {
    const [pouchKey] = await db.keys({ gte: SEP, limit: 1 }).all();
    if (pouchKey === undefined || storeOfKey(pouchKey) === undefined) return 'satchel';
    const [otherKey] = await db.keys({ lt: SEP, limit: 1 }).all();
    if (otherKey !== undefined) {
      throw migrationError(
        directory,
        "PouchDB's leveldb adapter format mixed with other data",
        'it holds PouchDB data and other keys side by side (perhaps written by a Satchel ' +
          'release that did not know PouchDB databases); move the directory aside and open it ' +
          'with PouchDB to check which data you want',
      );
    }
    return 'pouchdb';
  } finally {
    await db.close();
  }
}

/**
 * Whether a directory without `CURRENT` still holds LevelDB records (a non-empty write-ahead
 * log or a table file). Opening it would let LevelDB start a new database that replays those
 * records, so PouchDB's data would sit unseen under Satchel's (PouchDB itself reads it all).
 */
async function holdsLevelData(directory: string): Promise<boolean> {
  const names = await readdir(directory).catch(() => [] as string[]);
  for (const name of names) {
    if (!isLevelDbRecordFile(name)) continue;
    // An empty log is what a database that never held a record leaves.
    if (!name.endsWith('.log') || (await stat(join(directory, name))).size > 0) return true;
  }
  return false;
}

/** The refusal for a directory whose records cannot be read without changing it. */
function missingCurrent(directory: string) {
  return migrationError(
    directory,
    'unknown format',
    "LevelDB's CURRENT file is missing but the directory holds LevelDB records, so what they " +
      'are cannot be told without rewriting it; restore CURRENT from a backup, or open a copy ' +
      'with the program that wrote it (PouchDB rebuilds CURRENT and reads the records) first',
  );
}
