import { resolve } from 'node:path';
import {
  type AdapterFactory,
  type AdapterOptions,
  createLocalAdapterFactory,
  type Engine,
} from '@satchel/core';
import { DirectoryEngine } from './directory-engine.js';
import { isLevelDatabase, type LevelDatabase } from './level-stores.js';
import { LevelEngine } from './leveldb-engine.js';

/**
 * The `level` option: an abstract-level database to store into instead of a directory, or a
 * function that creates one per database name.
 */
export type LevelOption = LevelDatabase | ((name: string) => LevelDatabase);

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

/** The backend name each engine's `info()` reports (PouchDB's `backend_adapter`). */
const backends = new WeakMap<Engine, string>();

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
export const leveldbAdapter: AdapterFactory = createLocalAdapterFactory({
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
  // The name is a path; PouchDB's `_pouch_` prefix is not added (as in PouchDB).
  usePrefix: false,
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
