import {
  type Adapter,
  type AdapterFactory,
  type AdapterOptions,
  LocalAdapter,
  type LocalAdapterSettings,
  SharedAdapters,
} from '@satchel/core';
import { MemoryEngine } from './memory-engine.js';
import { memoryStores } from './memory-store.js';

/** Handles on one database name share one LocalAdapter, hence one write order and notifier. */
const sharedAdapters = new SharedAdapters();

/** The LocalAdapter settings the constructor options ask for; absent ones keep the defaults. */
function settingsOf(opts: AdapterOptions): Partial<LocalAdapterSettings> {
  const settings: Partial<LocalAdapterSettings> = {
    type: 'memory',
    // What PouchDB's memory adapter reports as `backend_adapter` in `info()`.
    info: { backend_adapter: 'MemDOWN' },
  };
  if (typeof opts.revs_limit === 'number') settings.revsLimit = opts.revs_limit;
  if (typeof opts.auto_compaction === 'boolean') settings.autoCompaction = opts.auto_compaction;
  if (typeof opts.deterministic_revs === 'boolean') {
    settings.deterministicRevs = opts.deterministic_revs;
  }
  return settings;
}

function createAdapter(opts: AdapterOptions): Adapter {
  const name = opts.name;
  const data = memoryStores.open(name);
  const engine = new MemoryEngine(data, () => memoryStores.drop(name, data));
  return new LocalAdapter(engine, settingsOf(opts));
}

function memoryAdapterFactory(opts: AdapterOptions): Adapter {
  return sharedAdapters.acquire(opts.name, () => createAdapter(opts));
}

/**
 * The `memory` adapter: documents live in this process's memory and vanish with it. Databases
 * opened under one name share their data until one of them is destroyed.
 */
export const memoryAdapter: AdapterFactory = Object.assign(memoryAdapterFactory, {
  /** Memory works everywhere. */
  valid: (): boolean => true,
  /** As in PouchDB's memory adapter, `prefix` is not applied: there is no directory to place. */
  use_prefix: false,
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
