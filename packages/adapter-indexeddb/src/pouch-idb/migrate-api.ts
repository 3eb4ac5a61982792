import {
  availableRevs,
  createStringMd5,
  importedDocRecord,
  type MigrationStats,
  storedBody,
  uuid,
} from '@satchel/core';
import { indexedDbName } from '../idb-name.js';
import { requestResult, transactionDone } from '../idb-request.js';
import { createStores, SCHEMA_VERSION, STATE_KEY, STORES } from '../idb-schema.js';
import { IndexedDbEngine } from '../indexeddb-engine.js';
import {
  POUCH_BROWSER_FORMAT,
  POUCH_IDB_FORMAT,
  POUCH_INDEXEDDB_FORMAT,
  pouchIdbError,
} from './pouch-idb-error.js';
import { databaseExists, idbFactory, pouchIdbName } from './pouch-original.js';

/**
 * The public functions for bringing pouchdb-browser databases over. The import code itself is
 * loaded on first use with `import()`, so that bundlers splitting chunks keep it out of what
 * every page loads (apps that never had PouchDB data never fetch it); it gets what it uses of
 * core and the engine from here (see `kit.ts`).
 */
export async function loadMigration(): Promise<typeof import('./pouch-idb-migration.js')> {
  const migration = await import('./pouch-idb-migration.js');
  migration.provideKit({
    availableRevs,
    createStringMd5,
    importedDocRecord,
    storedBody,
    uuid,
    IndexedDbEngine,
    createStores,
    SCHEMA_VERSION,
    STATE_KEY,
    STORES,
    pouchIdbError,
    POUCH_IDB_FORMAT,
    POUCH_INDEXEDDB_FORMAT,
    POUCH_BROWSER_FORMAT,
    indexedDbName,
    requestResult,
    transactionDone,
    databaseExists,
    idbFactory,
  });
  return migration;
}

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
