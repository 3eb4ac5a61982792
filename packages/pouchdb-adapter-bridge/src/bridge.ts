import type { Adapter, AdapterOptions } from '@satchel/core';
import { BridgedAdapter } from './bridged-adapter.js';
import { HandleGroups } from './handle-groups.js';
import type { PouchAdapterConstructor, PouchHost } from './pouch-adapter.js';

/**
 * Runs PouchDB-style adapters as Satchel adapters. One bridge keeps the open handles of every
 * database it runs, so handles of one name share change notifications and closes.
 */
export class PouchAdapterBridge {
  private readonly groups = new HandleGroups();

  /**
   * Opens database `opts.name` with the PouchDB adapter `fn`, run on `db` as PouchDB runs
   * adapters on its instance: the adapter installs its underscore methods (and whatever else
   * it likes, such as replication-stream's `setupStream`) on the database the user holds.
   */
  open(fn: PouchAdapterConstructor, db: object, opts: AdapterOptions): Adapter {
    const host = db as PouchHost;
    prepareHost(host);
    const name = String(opts.name);
    const opened = new Promise<void>((resolve, reject) => {
      try {
        fn.call(host, { ...opts }, (err?: unknown) => (err ? reject(err) : resolve()));
      } catch (err) {
        reject(err);
      }
    });
    const type = typeof opts.adapter === 'string' ? opts.adapter : 'pouchdb';
    return new BridgedAdapter(type, host, this.groups.get(fn, name), opened);
  }
}

/**
 * Gives the database what PouchDB's instances have and adapters assign to: `_remote` is a
 * read-only getter on Satchel, and PouchDB adapters set it (`api._remote = false`).
 */
function prepareHost(host: PouchHost): void {
  Object.defineProperty(host, '_remote', { value: false, writable: true, configurable: true });
}
