import {
  type Callback,
  type ExistingDocument,
  onFirstUse,
  type Satchel,
  type UntypedOr,
  withCallback,
} from '@satchel/core';
import type { MangoMethodName } from './mango-methods.js';
import type {
  CreateIndexRequest,
  CreateIndexResponse,
  DeleteIndexRequest,
  ExplainResponse,
  FindRequest,
  FindResponse,
  GetIndexesResponse,
} from './types.js';

/**
 * The query planner, the index updater and the remote calls are loaded on first use with
 * `import()`, so that bundlers splitting chunks keep them out of what every page loads: most
 * pages open databases long before (if ever) they query one.
 */
const methods = onFirstUse(() => import('./mango-methods.js'));

/** Runs a method in pouchdb-find's callback-or-promise form (the callback is the last argument). */
function method<T>(name: MangoMethodName) {
  return function (this: Satchel, arg?: unknown, callback?: Callback<T>): Promise<T> {
    if (typeof arg === 'function' && callback === undefined) {
      callback = arg as Callback<T>;
      arg = undefined;
    }
    // Once loaded, the method starts right away, as if it had never been split off.
    return withCallback(
      async () =>
        (methods.loaded ?? (await methods.load())).runMangoMethod(this, name, arg) as Promise<T>,
      callback,
    );
  };
}

/**
 * The plugin: `Satchel.plugin(mangoPlugin)` adds `createIndex`, `getIndexes`, `deleteIndex`,
 * `find` and `explain` to every database of that constructor (pouchdb-find 9's API). On remote
 * databases they go to the server's `_index`, `_find` and `_explain`.
 */
export const mangoPlugin = {
  createIndex: method<CreateIndexResponse>('createIndex'),
  getIndexes: method<GetIndexesResponse>('getIndexes'),
  deleteIndex: method<{ ok: true }>('deleteIndex'),
  find: method<FindResponse>('find'),
  explain: method<ExplainResponse>('explain'),
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
