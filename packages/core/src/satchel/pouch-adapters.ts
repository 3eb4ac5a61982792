import type { Adapter, AdapterFactory, AdapterOptions } from '../adapter/adapter.js';

/**
 * A PouchDB-style adapter: the constructor function PouchDB adapter packages register with
 * `PouchDB.adapter(name, fn)`. PouchDB calls it as `fn.call(db, opts, callback)`; it installs
 * PouchDB's underscore methods on `db` and calls back once open. Satchel recognises one by its
 * two parameters (a Satchel `AdapterFactory` takes one) and runs it through the runner that
 * `@satchel/pouchdb-adapter-bridge` installs.
 */
export interface PouchAdapterFunction {
  (this: unknown, opts: AdapterOptions, callback: (err?: unknown) => void): void;
  valid?(): boolean;
  use_prefix?: boolean;
}

/** Runs PouchDB-style adapters under the Adapter contract (see the bridge package). */
export interface PouchAdapterRunner {
  /** Opens `fn` for database `db` (the instance it runs on, as in PouchDB). */
  open(fn: PouchAdapterFunction, db: object, opts: AdapterOptions): Adapter;
}

/** What `Satchel.adapter` and `Satchel.adapters` hold: a Satchel factory or a PouchDB adapter. */
export type RegisteredAdapter = AdapterFactory | PouchAdapterFunction;

/** Whether a registered adapter is a PouchDB-style constructor rather than a Satchel factory. */
export function isPouchAdapterFunction(fn: RegisteredAdapter): boolean {
  return typeof fn === 'function' && fn.length >= 2;
}
