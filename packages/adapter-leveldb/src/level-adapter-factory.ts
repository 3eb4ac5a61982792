import {
  type AdapterFactory,
  type AdapterOptions,
  createLocalAdapterFactory,
  type Engine,
} from '@satchel/core';
import type { Placement } from './level-placement.js';

/**
 * The `leveldb` adapter factory over `placementOf`, which picks each database's store. The
 * Node entry places databases in directories by default; the browser entry only takes the
 * `level` option.
 */
export function createLeveldbAdapter(
  placementOf: (opts: AdapterOptions) => Placement,
): AdapterFactory {
  /** The backend name each engine's `info()` reports (PouchDB's `backend_adapter`). */
  const backends = new WeakMap<Engine, string>();
  return createLocalAdapterFactory({
    type: 'leveldb',
    engine: (opts) => {
      const { engine, backend } = placementOf(opts).create();
      backends.set(engine, backend);
      return engine;
    },
    info: (_opts, engine) => ({ backend_adapter: backends.get(engine) }),
    // Handles on one store (directory or database instance) share one LocalAdapter: LevelDB
    // admits one writer, so the store's one engine is the only one.
    share: (opts) => placementOf(opts).key,
    // The name is a path or a key; PouchDB's `_pouch_` prefix is not added (as in PouchDB).
    usePrefix: false,
  });
}

/** What the plugin needs of the constructor: PouchDB's adapter registry. */
export interface AdapterRegistry {
  adapter(name: string, factory: AdapterFactory, preferred?: boolean): unknown;
}
