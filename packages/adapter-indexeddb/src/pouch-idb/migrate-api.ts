import type { MigrationStats } from '@satchel/core';
import { loadMigration } from './load-migration.js';
import { pouchIdbName } from './pouch-idb-name.js';

// The public functions for bringing pouchdb-browser databases over (see load-migration.ts).

/** Options of {@link migratePouchIdb}. */
export interface PouchIdbMigrationOptions {
  /** Delete PouchDB's original once the migration is verified (default: keep it). */
  removeOriginal?: boolean;
  /** The IndexedDB factory; the global `indexedDB` by default. */
  factory?: IDBFactory;
}

/** What {@link migratePouchIdb} did. */
export interface PouchIdbMigrationResult {
  /** Whether this call brought PouchDB's data over. */
  migrated: boolean;
  stats?: MigrationStats;
  /** The IndexedDB database of PouchDB's original, while it is kept. */
  original?: string;
}

/**
 * Brings a database written by pouchdb-browser's `idb` or `indexeddb` adapter (IndexedDB
 * database `_pouch_<name>`, either way) over to Satchel's IndexedDB store of the same name, through the Engine contract; see the
 * README, "Moving from PouchDB". Safe to call on any name: without PouchDB data, or once
 * migrated, or when Satchel's store already holds its own data, it does nothing. PouchDB's
 * original is only read, and kept unless `removeOriginal` is given.
 * @param name - the name given to `new PouchDB(name)` (without PouchDB's `_pouch_` prefix).
 * @throws a `pouchdb_migration` error (status 500) naming the database when its data cannot
 *   be brought over; Satchel's store is then left marked `started`, and retried on next open.
 */
export function migratePouchIdb(
  name: string,
  options: PouchIdbMigrationOptions = {},
): Promise<PouchIdbMigrationResult> {
  return loadMigration().then((m) => m.migrateStore(pouchIdbName(name), options));
}

/**
 * Deletes PouchDB's original of database `name` (`_pouch_<name>`) once its migration is
 * complete, migrating first if that has not happened yet. Does nothing when there is none,
 * or when Satchel's store holds its own data (then the original was never brought over).
 */
export async function removePouchIdbOriginal(
  name: string,
  options: Pick<PouchIdbMigrationOptions, 'factory'> = {},
): Promise<void> {
  const { migrateStore } = await loadMigration();
  await migrateStore(pouchIdbName(name), { ...options, removeOriginal: true });
}
