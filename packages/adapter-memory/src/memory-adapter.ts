import { type AdapterFactory, createLocalAdapterFactory, onFirstUse } from '@satchel/core/engine';
import { memorySupports } from './memory-supports.js';
import { PendingEngine } from './pending-engine.js';

/**
 * The engine code (with its ordered map, 3 KB gzipped) is loaded on first use with `import()`,
 * so that bundlers splitting chunks keep it out of what every page loads: in a browser, a
 * database is usually stored in IndexedDB, and memory ones are the exception.
 */
const engineCode = onFirstUse(() => import('./memory-database.js'));

/**
 * The `memory` adapter: documents live in this process's memory and vanish with it. Databases
 * opened under one name share their data until one of them is destroyed. Each database has its
 * own LocalAdapter over its own engine: the engines on one name check every commit against the
 * data's version and tell each other of their writes (`watch`), so a live `changes()` on one
 * sees the other's writes, and concurrent writes from both are never lost.
 */
export const memoryAdapter: AdapterFactory = createLocalAdapterFactory({
  type: 'memory',
  // Once the code is there, databases get the engine itself; before, one that loads it.
  engine: ({ name }) =>
    engineCode.loaded
      ? engineCode.loaded.memoryEngine(name)
      : new PendingEngine({ ...memorySupports }, async () =>
          (await engineCode.load()).memoryEngine(name),
        ),
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
