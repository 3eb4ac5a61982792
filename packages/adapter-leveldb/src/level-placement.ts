import type { AdapterOptions, Engine } from '@satchel/core';
import { isLevelDatabase, type LevelDatabase } from './level-stores.js';
import { LevelEngine } from './leveldb-engine.js';

/**
 * The `level` option: an abstract-level database to store into instead of a directory, or a
 * function that creates one per database name.
 */
export type LevelOption = LevelDatabase | ((name: string) => LevelDatabase);

/** Where a database lives: the key its handles share, and how to create its engine. */
export interface Placement {
  key: string;
  /** The engine, and the backend name `info()` reports (PouchDB's `backend_adapter`). */
  create: () => { engine: Engine; backend: string };
}

/** Ids for stores that have no path, so handles on the same instance share an adapter. */
const storeIds = new WeakMap<object, number>();
let lastStoreId = 0;

export function storeId(store: object): number {
  let id = storeIds.get(store);
  if (id === undefined) {
    id = ++lastStoreId;
    storeIds.set(store, id);
  }
  return id;
}

/**
 * The placement the `level` option asks for (any abstract-level database: classic-level,
 * memory-level, browser-level, a sublevel…), or `undefined` when the option is absent. Free of
 * Node built-ins: the browser entry uses it alone.
 */
export function levelPlacement(opts: AdapterOptions): Placement | undefined {
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
  if (level === undefined) return undefined;
  if (!isLevelDatabase(level)) {
    throw new TypeError('The `level` option must be an abstract-level database or a function');
  }
  // One instance holds one database: every name opened on it shares it.
  return {
    key: `level:${storeId(level)}`,
    create: () => ({ engine: new LevelEngine(level), backend: level.constructor.name }),
  };
}
