import {
  type Adapter,
  type AdapterFactory,
  type AdapterOptions,
  LocalAdapter,
  type LocalAdapterSettings,
  SharedAdapters,
} from '@satchel/core';
import type { Placement } from './level-placement.js';

/** The LocalAdapter settings the constructor options ask for; absent ones keep the defaults. */
function settingsOf(opts: AdapterOptions, backend: string): Partial<LocalAdapterSettings> {
  const settings: Partial<LocalAdapterSettings> = {
    type: 'leveldb',
    info: { backend_adapter: backend },
  };
  if (typeof opts.revs_limit === 'number') settings.revsLimit = opts.revs_limit;
  if (typeof opts.auto_compaction === 'boolean') settings.autoCompaction = opts.auto_compaction;
  if (typeof opts.deterministic_revs === 'boolean')
    settings.deterministicRevs = opts.deterministic_revs;
  return settings;
}

/**
 * The `leveldb` adapter factory over `placementOf`, which picks each database's store. The
 * Node entry places databases in directories by default; the browser entry only takes the
 * `level` option.
 */
export function createLeveldbAdapter(
  placementOf: (opts: AdapterOptions) => Placement,
): AdapterFactory {
  /** Handles on one store (directory or database instance) share one LocalAdapter. */
  const sharedAdapters = new SharedAdapters();
  function leveldbAdapterFactory(opts: AdapterOptions): Adapter {
    const placement = placementOf(opts);
    const handle = sharedAdapters.acquire(placement.key, () => {
      const { engine, backend } = placement.create();
      return new LocalAdapter(engine, settingsOf(opts, backend));
    });
    // A store that failed to open (locked by another process) must not stay shared: PouchDB
    // forgets it too, so opening the name again later retries. Releasing the handle evicts it;
    // the failure still reaches the database's callers through `ready()`.
    handle.ready().catch(() => handle.close().catch(() => undefined));
    return handle;
  }
  return Object.assign(leveldbAdapterFactory, {
    valid: (): boolean => true,
    /** The name is a path or a key; PouchDB's `_pouch_` prefix is not added (as in PouchDB). */
    use_prefix: false,
  });
}

/** What the plugin needs of the constructor: PouchDB's adapter registry. */
export interface AdapterRegistry {
  adapter(name: string, factory: AdapterFactory, preferred?: boolean): unknown;
}
