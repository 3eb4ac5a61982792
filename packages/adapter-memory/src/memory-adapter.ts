import { type AdapterFactory, createLocalAdapterFactory } from '@satchel/core/engine';
import { MemoryEngine } from './memory-engine.js';
import { memoryStores } from './memory-store.js';

/**
 * The `memory` adapter: documents live in this process's memory and vanish with it. Databases
 * opened under one name share their data until one of them is destroyed. Each database has its
 * own LocalAdapter over its own engine: the engines on one name check every commit against the
 * data's version and tell each other of their writes (`watch`), so a live `changes()` on one
 * sees the other's writes, and concurrent writes from both are never lost.
 */
export const memoryAdapter: AdapterFactory = createLocalAdapterFactory({
  type: 'memory',
  engine: ({ name }) => {
    const data = memoryStores.open(name);
    return new MemoryEngine(data, () => memoryStores.drop(name, data));
  },
  // What PouchDB's memory adapter reports as `backend_adapter` in `info()`.
  info: () => ({ backend_adapter: 'MemDOWN' }),
  share: false,
  // As in PouchDB's memory adapter, `prefix` is not applied: there is no directory to place.
  usePrefix: false,
});

/** What the plugin needs of the constructor: PouchDB's adapter registry. */
export interface AdapterRegistry {
  adapter(name: string, factory: AdapterFactory, preferred?: boolean): unknown;
}

/**
 * Registers the `memory` adapter (and makes it a preferred one), the way PouchDB's
 * `pouchdb-adapter-memory` plugin does: `Satchel.plugin(MemoryAdapterPlugin)`.
 */
export function MemoryAdapterPlugin(Satchel: AdapterRegistry): void {
  Satchel.adapter('memory', memoryAdapter, true);
}
