import type { MigrationStats } from '@satchel/core';
import { importPouchIdb, verifyPouchIdb } from './import-pouch-idb.js';
import { kit } from './kit.js';
import type { PouchIdbMigrationOptions, PouchIdbMigrationResult } from './migrate-api.js';
import { pouchIdbError } from './pouch-idb-error.js';
import { openPouchSource } from './pouch-source.js';

export { provideKit } from './kit.js';

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

/** Runs `task` holding a Web Lock (when the browser has them), so one tab migrates at a time. */
function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? (locks.request(name, task) as Promise<T>) : task();
}

async function openSatchel(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  const request = factory.open(name, kit.SCHEMA_VERSION);
  request.onupgradeneeded = (event) => kit.createStores(request, event.oldVersion);
  return kit.requestResult(request);
}

/**
 * Decides, in one transaction, whether to migrate: not when the migration is done or when the
 * database holds Satchel's own data; otherwise (new, or a migration cut short) every store is
 * cleared and the `started` marker written.
 */
async function begin(db: IDBDatabase, from: string): Promise<MigrationMarker | 'satchel' | 'go'> {
  const names = Object.values(kit.STORES);
  const tx = db.transaction(names, 'readwrite');
  const meta = tx.objectStore(kit.STORES.meta);
  const state = meta.get(kit.STATE_KEY);
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
  await kit.transactionDone(tx);
  return verdict;
}

async function markDone(db: IDBDatabase, marker: MigrationMarker): Promise<void> {
  // Strict durability: once `done` is read, the original may be deleted.
  const tx = db.transaction(kit.STORES.meta, 'readwrite', { durability: 'strict' });
  tx.objectStore(kit.STORES.meta).put(marker, MIGRATION_KEY);
  await kit.transactionDone(tx);
}

async function copy(factory: IDBFactory, from: string, target: string): Promise<MigrationStats> {
  const source = await openPouchSource(from, factory);
  const engine = new kit.IndexedDbEngine({ name: target, factory });
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
 * `migratePouchIdb` by prefixed name (`_pouch_<name>`, as adapters receive it): PouchDB's
 * `idb` or `indexeddb` database has exactly that name, Satchel's store `satchel/<that name>`.
 */
export async function migrateStore(
  from: string,
  options: PouchIdbMigrationOptions = {},
): Promise<PouchIdbMigrationResult> {
  const factory = kit.idbFactory(options.factory);
  const target = kit.indexedDbName(from);
  return withLock(`satchel-pouchdb-migration:${target}`, async () => {
    if (!(await kit.databaseExists(factory, from))) return { migrated: false };
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
    await kit.requestResult(factory.deleteDatabase(database));
  } catch (err) {
    throw pouchIdbError(database, 'it could not be deleted', err);
  }
}
