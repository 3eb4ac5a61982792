import { createRequire } from 'node:module';
import { changesPlugin } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import {
  type CouchServer,
  couchUrl,
  startCouchServer as startExpressPouchDB,
  startSatchelServer,
} from '@satchel/servers';
import { httpAdapter } from '../src/index.js';

const require = createRequire(import.meta.url);

/** The few PouchDB members the interop tests touch. */
export interface PouchLike {
  put(doc: object): Promise<{ rev: string }>;
  bulkDocs(docs: object[], opts?: object): Promise<unknown[]>;
  bulkGet(req: object): Promise<unknown>;
  putAttachment(
    id: string,
    name: string,
    rev: string,
    data: unknown,
    type: string,
  ): Promise<{ rev: string }>;
  removeAttachment(id: string, name: string, rev: string): Promise<{ rev: string }>;
  changes(opts: object): PromiseLike<unknown> & {
    on(event: string, listener: (change: { id: string }) => void): unknown;
    cancel(): void;
  };
  get(id: string, opts?: object): Promise<Record<string, unknown>>;
  remove(id: string, rev: string): Promise<unknown>;
  destroy(): Promise<unknown>;
  id(): Promise<string>;
  allDocs(opts: object): Promise<unknown>;
  getAttachment(id: string, name: string, opts?: object): Promise<unknown>;
  info(): Promise<Record<string, unknown>>;
}

/** pouchdb@9's constructor (its http adapter talks to the same server). */
export const PouchDB = require('pouchdb') as new (name: string, opts?: object) => PouchLike;

Satchel.adapter('http', httpAdapter);
Satchel.plugin(changesPlugin);

/** A Satchel constructor with the http adapter and the changes plugin. */
export const S: ReturnType<typeof Satchel.defaults> = Satchel.defaults({});

let counter = 0;

/** A fresh database name on `server`. */
export function dbUrl(server: CouchServer): string {
  counter += 1;
  return `${server.url}/test-${process.pid}-${Date.now()}-${counter}`;
}

/**
 * The server these tests talk to: Satchel's own (`@satchel/server`, in memory) by default;
 * `SATCHEL_TEST_SERVER=express-pouchdb` runs them against express-pouchdb instead, the second,
 * independent implementation.
 */
export function startCouchServer(): Promise<CouchServer> {
  return process.env.SATCHEL_TEST_SERVER === 'express-pouchdb'
    ? startExpressPouchDB()
    : // session.test.ts fronts the server with a login proxy that forwards alice's basic
      // credentials: the server knows her, as a CouchDB behind such a proxy would.
      startSatchelServer({ users: { alice: { password: 'secret' } } });
}

/** The CouchDB at `COUCH_URL` when set, else {@link startCouchServer}. */
export async function useCouchServer(): Promise<CouchServer> {
  const url = couchUrl();
  if (url) return { url, stop: async () => {} };
  return startCouchServer();
}

export { type CouchServer, couchUrl };
