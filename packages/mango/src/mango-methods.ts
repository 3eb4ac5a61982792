import type { Satchel } from '@satchel/core';
import { createIndex } from './create-index.js';
import { deleteIndex } from './delete-index.js';
import { explain, find } from './find.js';
import { getIndexes } from './get-indexes.js';
import {
  remoteCreateIndex,
  remoteDeleteIndex,
  remoteExplain,
  remoteFetch,
  remoteFind,
  remoteGetIndexes,
} from './remote.js';

type Fetch = NonNullable<ReturnType<typeof remoteFetch>>;

/** A method's two implementations: on a local database, and on a remote one (over its fetch). */
interface Implementation {
  local(db: Satchel, arg: unknown): Promise<unknown>;
  remote(fetch: Fetch, arg: unknown): Promise<unknown>;
}

const methods = {
  createIndex: { local: createIndex, remote: remoteCreateIndex },
  getIndexes: { local: (db) => getIndexes(db), remote: (fetch) => remoteGetIndexes(fetch) },
  deleteIndex: { local: deleteIndex, remote: remoteDeleteIndex },
  find: { local: find, remote: remoteFind },
  explain: { local: explain, remote: remoteExplain },
} satisfies Record<string, Implementation>;

/** The names of the methods the plugin adds. */
export type MangoMethodName = keyof typeof methods;

/**
 * Runs one of the plugin's methods on `db`: on the server's `_index`, `_find` and `_explain`
 * when the database is remote, locally otherwise. This module is the plugin's code; the plugin
 * object itself only loads it (see mango-plugin.ts).
 */
export function runMangoMethod(db: Satchel, name: MangoMethodName, arg: unknown): Promise<unknown> {
  const method: Implementation = methods[name];
  const fetch = remoteFetch(db);
  return fetch ? method.remote(fetch, arg) : method.local(db, arg);
}
