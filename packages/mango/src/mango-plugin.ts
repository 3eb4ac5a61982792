import {
  type Callback,
  type ExistingDocument,
  type Satchel,
  type UntypedOr,
  withCallback,
} from '@satchel/core';
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
import type {
  CreateIndexRequest,
  CreateIndexResponse,
  DeleteIndexRequest,
  ExplainResponse,
  FindRequest,
  FindResponse,
  GetIndexesResponse,
} from './types.js';

/** Runs a method in pouchdb-find's callback-or-promise form (the callback is the last argument). */
function method<T>(
  local: (db: Satchel, arg: unknown) => Promise<T>,
  remote: (fetch: NonNullable<ReturnType<typeof remoteFetch>>, arg: unknown) => Promise<T>,
) {
  return function (this: Satchel, arg?: unknown, callback?: Callback<T>): Promise<T> {
    if (typeof arg === 'function' && callback === undefined) {
      callback = arg as Callback<T>;
      arg = undefined;
    }
    return withCallback(async () => {
      const fetch = remoteFetch(this);
      return fetch ? remote(fetch, arg) : local(this, arg);
    }, callback);
  };
}

/**
 * The plugin: `Satchel.plugin(mangoPlugin)` adds `createIndex`, `getIndexes`, `deleteIndex`,
 * `find` and `explain` to every database of that constructor (pouchdb-find 9's API). On remote
 * databases they go to the server's `_index`, `_find` and `_explain`.
 */
export const mangoPlugin = {
  createIndex: method(createIndex, remoteCreateIndex),
  getIndexes: method(
    (db) => getIndexes(db),
    (fetch) => remoteGetIndexes(fetch),
  ),
  deleteIndex: method(deleteIndex, remoteDeleteIndex),
  find: method(find, remoteFind),
  explain: method(explain, remoteExplain),
};

/** The methods this plugin adds to a database. */
export interface MangoMethods<Content extends object = object> {
  /**
   * Creates a Mango index (installed by `@satchel/mango`).
   * @example
   * await db.createIndex({ index: { fields: ['type', 'date'] } }); // {id, name, result: 'created'}
   */
  createIndex(
    request: CreateIndexRequest,
    callback?: Callback<CreateIndexResponse>,
  ): Promise<CreateIndexResponse>;
  /** Lists the indexes, `_all_docs` included (installed by `@satchel/mango`). */
  getIndexes(callback?: Callback<GetIndexesResponse>): Promise<GetIndexesResponse>;
  /** Deletes an index as `getIndexes` lists it (installed by `@satchel/mango`). */
  deleteIndex(index: DeleteIndexRequest, callback?: Callback<{ ok: true }>): Promise<{ ok: true }>;
  /**
   * Finds documents with a Mango selector (installed by `@satchel/mango`).
   * @example
   * const { docs } = await db.find({ selector: { type: 'todo', date: { $gt: '2024' } }, sort: ['type', 'date'] });
   */
  find<T extends object = UntypedOr<Content>>(
    request: FindRequest,
    callback?: Callback<FindResponse<ExistingDocument<T>>>,
  ): Promise<FindResponse<ExistingDocument<T>>>;
  /** Tells which index and range `find` would use (installed by `@satchel/mango`). */
  explain(request: FindRequest, callback?: Callback<ExplainResponse>): Promise<ExplainResponse>;
}

declare module '@satchel/core' {
  interface SatchelPlugins<Content extends object = object> extends MangoMethods<Content> {}
}
