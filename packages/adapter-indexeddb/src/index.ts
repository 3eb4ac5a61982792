/**
 * `@satchel/adapter-indexeddb`: Satchel's IndexedDB storage engine and its `indexeddb` and
 * `idb` adapters, for browsers.
 *
 * @packageDocumentation
 */

/** What bringing over a pouchdb-browser database brought (the same shape as pouchdb-migrate's). */
export type { MigrationStats as PouchIdbMigrationStats } from '@satchel/core';
export { idKey } from './id-key.js';
export {
  type AdapterRegistry,
  IndexedDbAdapterPlugin,
  IndexedDbAdapterPlugin as default,
  idbAdapter,
  indexedDbName,
  indexeddbAdapter,
} from './indexeddb-adapter.js';
export { IndexedDbEngine, type IndexedDbEngineOptions } from './indexeddb-engine.js';
export {
  migratePouchIdb,
  type PouchIdbMigrationOptions,
  type PouchIdbMigrationResult,
  removePouchIdbOriginal,
} from './pouch-idb/migrate-api.js';
export {
  MigratingIndexedDbEngine,
  type PouchIdbMigrationOption,
} from './pouch-idb/migrating-engine.js';
export {
  MIGRATION_ERROR_CODE,
  POUCH_BROWSER_FORMAT,
  POUCH_IDB_FORMAT,
  POUCH_INDEXEDDB_FORMAT,
} from './pouch-idb/pouch-idb-error.js';
export { pouchIdbName } from './pouch-idb/pouch-original.js';
