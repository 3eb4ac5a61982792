import { type AdapterFactory, createLocalAdapterFactory } from '@satchel/core';
import {
  MigratingIndexedDbEngine,
  type PouchIdbMigrationOption,
} from './pouch-idb/migrating-engine.js';

/** Whether this environment has IndexedDB (browsers, workers; not Node). */
function hasIndexedDb(): boolean {
  return typeof (globalThis as { indexedDB?: unknown }).indexedDB === 'object';
}

/** An adapter factory reporting `type` as `db.adapter` (`'idb'` or `'indexeddb'`). */
function adapterNamed(type: string): AdapterFactory {
  return createLocalAdapterFactory({
    type,
    engine: (opts) =>
      new MigratingIndexedDbEngine(opts.name, {
        ...(opts.pouchdbMigration as PouchIdbMigrationOption | undefined),
      }),
    info: () => ({ idb_attachment_format: 'binary' }),
    // Handles on one name in this page share one LocalAdapter; other tabs (and the other
    // adapter name) are other writers, kept apart by the version token and `watch`.
    share: (opts) => `${type}:${opts.name}`,
    valid: hasIndexedDb,
    usePrefix: true,
  });
}

/** The `indexeddb` adapter: documents in the browser's IndexedDB. */
export const indexeddbAdapter: AdapterFactory = adapterNamed('indexeddb');

/** The same engine under PouchDB's older adapter name, `idb`. */
export const idbAdapter: AdapterFactory = adapterNamed('idb');

/** What the plugin needs of the constructor: PouchDB's adapter registry. */
export interface AdapterRegistry {
  adapter(name: string, factory: AdapterFactory, preferred?: boolean): unknown;
}

/**
 * Registers `indexeddb` and `idb` (both this engine), `indexeddb` preferred, as PouchDB's
 * adapter plugins do: `Satchel.plugin(IndexedDbAdapterPlugin)`.
 */
export function IndexedDbAdapterPlugin(Satchel: AdapterRegistry): void {
  Satchel.adapter('indexeddb', indexeddbAdapter, true);
  Satchel.adapter('idb', idbAdapter, true);
}
