import { resolve } from 'node:path';
import {
  type Adapter,
  type AdapterFactory,
  type AdapterOptions,
  type Engine,
  LocalAdapter,
  type LocalAdapterSettings,
  SharedAdapters,
} from '@satchel/core';
import { DirectoryEngine } from './directory-engine.js';
import { isLevelDatabase, type LevelDatabase } from './level-stores.js';
import { LevelEngine } from './leveldb-engine.js';

/**
 * The `level` option: an abstract-level database to store into instead of a directory, or a
 * function that creates one per database name.
 */
export type LevelOption = LevelDatabase | ((name: string) => LevelDatabase);

/** Handles on one store (directory or database instance) share one LocalAdapter. */
const sharedAdapters = new SharedAdapters();

/** Ids for stores that have no path, so handles on the same instance share an adapter. */
const storeIds = new WeakMap<object, number>();
let lastStoreId = 0;

function storeId(store: object): number {
  let id = storeIds.get(store);
  if (id === undefined) {
    id = ++lastStoreId;
    storeIds.set(store, id);
  }
  return id;
}

/** Where a database lives: the key its handles share, and how to create its engine. */
interface Placement {
  key: string;
  /** The engine, and the backend name `info()` reports (PouchDB's `backend_adapter`). */
  create: () => { engine: Engine; backend: string };
}

/** Picks the store for `opts`: the `level` option if given, else a directory named `opts.name`. */
function placementOf(opts: AdapterOptions): Placement {
  const level = opts.level as unknown;
  if (typeof level === 'function') {
    const make = level as (name: string) => LevelDatabase;
    return {
      key: `level-fn:${storeId(make)}:${opts.name}`,
      create: () => {
        const db = make(opts.name);
        return { engine: new LevelEngine(db, { owned: true }), backend: db.constructor.name };
      },
    };
  }
  if (level !== undefined) {
    if (!isLevelDatabase(level)) {
      throw new TypeError('The `level` option must be an abstract-level database or a function');
    }
    // One instance holds one database: every name opened on it shares it.
    return {
      key: `level:${storeId(level)}`,
      create: () => ({ engine: new LevelEngine(level), backend: level.constructor.name }),
    };
  }
  const directory = resolve(opts.name);
  return {
    key: `dir:${directory}`,
    // PouchDB's leveldb adapter reports its backend's constructor name, LevelDOWN.
    create: () => ({ engine: new DirectoryEngine(directory), backend: 'LevelDOWN' }),
  };
}

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

/**
 * The `leveldb` adapter. By default each database is a LevelDB directory (classic-level) at
 * its name, `prefix` included (`prefix: 'data/'` + `'mydb'` → `./data/mydb`), created with
 * its parents when missing. With the `level` option it stores into any abstract-level
 * database instead (memory-level, browser-level, a sublevel of your own database…).
 *
 * Databases opened twice on one directory (or instance) in this process share one adapter, as
 * PouchDB shares its LevelDB handles; another process opening the same directory gets an
 * `OpenError` naming it.
 */
export const leveldbAdapter: AdapterFactory = Object.assign(leveldbAdapterFactory, {
  /** classic-level ships prebuilt binaries for the platforms Node runs on. */
  valid: (): boolean => true,
  /** The name is a path; PouchDB's `_pouch_` prefix is not added (as in PouchDB). */
  use_prefix: false,
});

/** What the plugin needs of the constructor: PouchDB's adapter registry. */
export interface AdapterRegistry {
  adapter(name: string, factory: AdapterFactory, preferred?: boolean): unknown;
}

/**
 * Registers the `leveldb` adapter as a preferred one, as PouchDB's `pouchdb-adapter-leveldb`
 * plugin does: `Satchel.plugin(LeveldbAdapterPlugin)`.
 */
export function LeveldbAdapterPlugin(Satchel: AdapterRegistry): void {
  Satchel.adapter('leveldb', leveldbAdapter, true);
}
