import type { MigrationStats } from '@satchel/core';
import { indexedDbName } from '../idb-name.js';
import { requestResult, transactionDone } from '../idb-request.js';
import { createStores, SCHEMA_VERSION, STATE_KEY, STORES } from '../idb-schema.js';
import { IndexedDbEngine } from '../indexeddb-engine.js';
import { importPouchIdb, verifyPouchIdb } from './import-pouch-idb.js';
import { pouchIdbError } from './pouch-idb-error.js';
import { pouchIdbName } from './pouch-idb-source.js';
import { openPouchSource } from './pouch-source.js';

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
 * The key, in Satchel's `meta` store, of the migration's state: `started` is written (with the
 * stores cleared) before the first copied record, `done` only after verification. A database
 * found `started` (a tab closed mid-way) is cleared and migrated again from PouchDB's original.
 */
export const MIGRATION_KEY = 'pouchdb-migration';

interface MigrationMarker {
  state: 'started' | 'done';
  from: string;
  stats?: MigrationStats;
}

function factoryOf(options: PouchIdbMigrationOptions): IDBFactory {
  const factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) throw new Error('IndexedDB is not available here');
  return factory;
}

/** Runs `task` holding a Web Lock (when the browser has them), so one tab migrates at a time. */
function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? (locks.request(name, task) as Promise<T>) : task();
}

async function openSatchel(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  const request = factory.open(name, SCHEMA_VERSION);
  request.onupgradeneeded = () => createStores(request.result);
  return requestResult(request);
}

/**
 * Decides, in one transaction, whether to migrate: not when the migration is done or when the
 * database holds Satchel's own data; otherwise (new, or a migration cut short) every store is
 * cleared and the `started` marker written.
 */
async function begin(db: IDBDatabase, from: string): Promise<MigrationMarker | 'satchel' | 'go'> {
  const names = Object.values(STORES);
  const tx = db.transaction(names, 'readwrite');
  const meta = tx.objectStore(STORES.meta);
  const state = meta.get(STATE_KEY);
  const marker = meta.get(MIGRATION_KEY);
  let verdict: MigrationMarker | 'satchel' | 'go' = 'go';
  marker.onsuccess = () => {
    const found = marker.result as MigrationMarker | undefined;
    if (found?.state === 'done') verdict = found;
    else if (state.result !== undefined && found === undefined) verdict = 'satchel';
    else {
      for (const store of names) tx.objectStore(store).clear();
      meta.put({ state: 'started', from } satisfies MigrationMarker, MIGRATION_KEY);
    }
  };
  await transactionDone(tx);
  return verdict;
}

async function markDone(db: IDBDatabase, marker: MigrationMarker): Promise<void> {
  // Strict durability: once `done` is read, the original may be deleted.
  const tx = db.transaction(STORES.meta, 'readwrite', { durability: 'strict' });
  tx.objectStore(STORES.meta).put(marker, MIGRATION_KEY);
  await transactionDone(tx);
}

async function copy(factory: IDBFactory, from: string, target: string): Promise<MigrationStats> {
  const source = await openPouchSource(from, factory);
  const engine = new IndexedDbEngine({ name: target, factory });
  try {
    const snapshot = await engine.open();
    const { stats, meta } = await importPouchIdb(source, engine, snapshot.version);
    await verifyPouchIdb(source, engine, meta);
    return stats;
  } finally {
    source.close();
    await engine.close();
  }
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
  return migrateStore(pouchIdbName(name), options);
}

/**
 * {@link migratePouchIdb} by prefixed name (`_pouch_<name>`, as adapters receive it): PouchDB's
 * `idb` or `indexeddb` database has exactly that name, Satchel's store `satchel/<that name>`.
 */
export async function migrateStore(
  from: string,
  options: PouchIdbMigrationOptions = {},
): Promise<PouchIdbMigrationResult> {
  const factory = factoryOf(options);
  const target = indexedDbName(from);
  return withLock(`satchel-pouchdb-migration:${target}`, async () => {
    if (!(await exists(factory, from))) return { migrated: false };
    const db = await openSatchel(factory, target);
    try {
      const verdict = await begin(db, from);
      if (verdict === 'satchel') return { migrated: false };
      if (verdict !== 'go') {
        if (options.removeOriginal) await removeDatabase(factory, from);
        return { migrated: false, ...(options.removeOriginal ? {} : { original: from }) };
      }
      const stats = await copy(factory, from, target);
      await markDone(db, { state: 'done', from, stats });
      if (options.removeOriginal) await removeDatabase(factory, from);
      return { migrated: true, stats, ...(options.removeOriginal ? {} : { original: from }) };
    } finally {
      db.close();
    }
  });
}

async function removeDatabase(factory: IDBFactory, database: string): Promise<void> {
  try {
    await requestResult(factory.deleteDatabase(database));
  } catch (err) {
    throw pouchIdbError(database, 'it could not be deleted', err);
  }
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
  await migrateStore(pouchIdbName(name), { ...options, removeOriginal: true });
}

/**
 * Whether IndexedDB database `database` exists, never creating it: `databases()` where the
 * browser has it, else an open whose upgrade (a database that did not exist) is aborted.
 */
async function exists(factory: IDBFactory, database: string): Promise<boolean> {
  if (typeof factory.databases === 'function') {
    return (await factory.databases()).some((db) => db.name === database);
  }
  const request = factory.open(database);
  let created = false;
  request.onupgradeneeded = () => {
    created = true;
    request.transaction?.abort();
  };
  try {
    (await requestResult(request)).close();
  } catch (err) {
    if (!created) throw err;
  }
  return !created;
}
