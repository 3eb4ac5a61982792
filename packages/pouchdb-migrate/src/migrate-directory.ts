import { open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DirectoryEngine, isLevelDbFile } from '@satchel/adapter-leveldb';
import type { MigrationStats } from '@satchel/core';
import { inspectDirectory } from './detect.js';
import { exists, syncDirectory, syncFiles } from './durable-files.js';
import { importPouch, type MigrationProgress } from './import-pouch.js';
import { migrationError } from './migration-error.js';
import { MIGRATED_MARKER, migrationPaths } from './migration-paths.js';
import { POUCH_FORMAT } from './pouch-layout.js';
import { PouchSource } from './pouch-source.js';
import { verifyImport } from './verify-import.js';

/** Options of {@link migratePouchDB}. */
export interface MigrateOptions {
  /**
   * Delete PouchDB's original directory (kept as `<directory>.pouchdb`) once the migration is
   * complete and verified, now or on a later open. Default `false`: it is kept, so you can go
   * back to PouchDB.
   */
  removeOriginal?: boolean;
  /** Items per commit (default 500). */
  batchSize?: number;
  /** Called after every commit of the migration. */
  onProgress?: (progress: MigrationProgress) => void;
}

/** What {@link migratePouchDB} did. */
export interface MigrateResult {
  /** Whether PouchDB data was migrated by this call. */
  migrated: boolean;
  /** What was brought over, when `migrated`. */
  stats?: MigrationStats;
  /** Where PouchDB's original directory is kept, if it still exists. */
  original?: string;
}

/** The marker's content: where the data came from and what was brought over. */
interface Marker {
  from: string;
  at: string;
  stats: MigrationStats;
}

/**
 * Makes `directory` hold Satchel data if it holds PouchDB's (leveldb adapter). Safe to call on
 * every open: a Satchel or absent directory is left alone.
 *
 * The original is never written to. The data goes into `<directory>.migrating`, is read back
 * and compared with the original, and only then is marked complete; then the original moves to
 * `<directory>.pouchdb` and the new directory takes its place (two renames). A crash at any
 * point leaves either PouchDB's directory in place (the next call starts again) or a complete
 * migration waiting for its renames (the next call finishes them).
 * @param directory - the database directory, e.g. the name given to `new PouchDB(name)`.
 */
export async function migratePouchDB(
  directory: string,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const dir = resolve(directory);
  const paths = migrationPaths(dir);
  await finishSwap(dir);
  if ((await inspectDirectory(dir)) !== 'pouchdb') return afterwards(dir, options, undefined);
  if (await exists(paths.original)) {
    throw migrationError(
      dir,
      POUCH_FORMAT,
      `a kept original already exists at "${paths.original}"; remove or move it first`,
    );
  }
  await refuseForeignFiles(dir);
  await rm(paths.work, { recursive: true, force: true });
  const stats = await copyAndVerify(dir, paths.work, options);
  await writeMarker(paths.work, { from: dir, at: new Date().toISOString(), stats });
  await rename(dir, paths.original);
  await finishSwap(dir);
  return afterwards(dir, options, stats);
}

/**
 * The migration moves PouchDB's whole directory aside (and may delete it later, on request):
 * a directory that also holds files that are not LevelDB's would take them along, so it is
 * refused, naming them, before anything moves.
 */
async function refuseForeignFiles(dir: string): Promise<void> {
  const foreign = (await readdir(dir)).filter((name) => !isLevelDbFile(name));
  if (foreign.length === 0) return;
  const listed = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ', …' : '');
  throw migrationError(
    dir,
    POUCH_FORMAT,
    `the directory also holds files that are not the database's (${listed}); move them out first`,
  );
}

/** Completes a migration whose data is verified but whose renames were cut short. */
async function finishSwap(dir: string): Promise<void> {
  const { work } = migrationPaths(dir);
  if ((await exists(dir)) || !(await exists(join(work, MIGRATED_MARKER)))) return;
  await rename(work, dir);
  await syncDirectory(dirname(dir));
}

async function afterwards(
  dir: string,
  options: MigrateOptions,
  stats: MigrationStats | undefined,
): Promise<MigrateResult> {
  const result: MigrateResult = stats ? { migrated: true, stats } : { migrated: false };
  const { original } = migrationPaths(dir);
  if (!(await exists(original))) return result;
  if (options.removeOriginal && (await removePouchDBOriginal(dir))) return result;
  result.original = original;
  return result;
}

async function copyAndVerify(
  dir: string,
  work: string,
  options: MigrateOptions,
): Promise<MigrationStats> {
  const batchSize = options.batchSize ?? 500;
  const source = await PouchSource.open(dir);
  const engine = new DirectoryEngine(work);
  try {
    const { version } = await engine.open();
    const importOptions = options.onProgress
      ? { batchSize, onProgress: options.onProgress }
      : { batchSize };
    const { stats, meta } = await importPouch(source, engine, version, importOptions);
    await verifyImport(source, engine, meta, batchSize);
    return stats;
  } finally {
    await Promise.allSettled([engine.close(), source.close()]);
  }
}

/** Writes the marker atomically, after every file of the new database is on disk. */
async function writeMarker(work: string, marker: Marker): Promise<void> {
  await syncFiles(work);
  const temp = join(work, `${MIGRATED_MARKER}.tmp`);
  await writeFile(temp, `${JSON.stringify(marker, null, 2)}\n`);
  const handle = await open(temp, 'r+');
  await handle.sync().finally(() => handle.close());
  await rename(temp, join(work, MIGRATED_MARKER));
  await syncDirectory(work);
}

/**
 * Deletes PouchDB's original directory kept by an earlier migration of `directory`, if any.
 * Refuses while the migration is not complete (the original is then the only copy).
 * @returns whether a kept original was removed.
 */
export async function removePouchDBOriginal(directory: string): Promise<boolean> {
  const dir = resolve(directory);
  const { original } = migrationPaths(dir);
  if (!(await exists(original))) return false;
  if (!(await exists(join(dir, MIGRATED_MARKER)))) {
    throw migrationError(
      dir,
      POUCH_FORMAT,
      'its migration is not complete, so the original is still needed',
    );
  }
  await rm(original, { recursive: true, force: true });
  return true;
}
