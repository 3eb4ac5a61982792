import {
  type Adapter,
  type AdapterFactory,
  type AdapterOptions,
  LocalAdapter,
  type LocalAdapterSettings,
  SharedAdapters,
} from '@satchel/core';
import { IndexedDbEngine } from './indexeddb-engine.js';

/** Handles on one database name (and adapter name) in this page share one LocalAdapter. */
const sharedAdapters = new SharedAdapters();

/**
 * The IndexedDB database that holds Satchel database `name`. The prefix keeps it apart from
 * PouchDB's own (`_pouch_<name>`) on the same origin, whose layout differs.
 */
export function indexedDbName(name: string): string {
  return `satchel/${name}`;
}

function settingsOf(opts: AdapterOptions, type: string): Partial<LocalAdapterSettings> {
  const settings: Partial<LocalAdapterSettings> = {
    type,
    info: { idb_attachment_format: 'binary' },
  };
  if (typeof opts.revs_limit === 'number') settings.revsLimit = opts.revs_limit;
  if (typeof opts.auto_compaction === 'boolean') settings.autoCompaction = opts.auto_compaction;
  if (typeof opts.deterministic_revs === 'boolean') {
    settings.deterministicRevs = opts.deterministic_revs;
  }
  return settings;
}

/** Whether this environment has IndexedDB (browsers, workers; not Node). */
function hasIndexedDb(): boolean {
  return typeof (globalThis as { indexedDB?: unknown }).indexedDB === 'object';
}

/** An adapter factory reporting `type` as `db.adapter` (`'idb'` or `'indexeddb'`). */
function adapterNamed(type: string): AdapterFactory {
  const factory = (opts: AdapterOptions): Adapter =>
    sharedAdapters.acquire(`${type}:${opts.name}`, () => {
      const engine = new IndexedDbEngine({ name: indexedDbName(opts.name) });
      return new LocalAdapter(engine, settingsOf(opts, type));
    });
  return Object.assign(factory, { valid: hasIndexedDb, use_prefix: true });
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
