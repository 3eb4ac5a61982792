import type { Adapter, AdapterFactory, AdapterOptions } from '../adapter/adapter.js';
import {
  isPouchAdapterFunction,
  type PouchAdapterFunction,
  type PouchAdapterRunner,
  type RegisteredAdapter,
} from './pouch-adapters.js';

// Internal to core (the barrels do not re-export this file).

/** Opens the adapter for a database, through the bridge when it is a PouchDB adapter. */
export function openAdapter(
  registered: RegisteredAdapter,
  runner: PouchAdapterRunner | undefined,
  db: object,
  opts: AdapterOptions,
): Adapter {
  if (!isPouchAdapterFunction(registered)) return (registered as AdapterFactory)(opts);
  if (!runner) {
    throw new Error(
      `Adapter "${String(opts.adapter)}" is a PouchDB adapter: install @satchel/pouchdb-adapter-bridge (Satchel.plugin(pouchAdapterBridge)) to run it`,
    );
  }
  return runner.open(registered as PouchAdapterFunction, db, opts);
}
