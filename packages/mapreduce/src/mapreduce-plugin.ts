import type { Callback, ExistingDocument, UntypedOr } from '@satchel/core';
import type { QueryFun, QueryOptions, QueryResponse } from './types.js';
import { query, viewCleanup } from './view-methods.js';

/**
 * The plugin: `Satchel.plugin(mapreducePlugin)` adds `query` and `viewCleanup` to every database
 * of that constructor.
 */
export function mapreducePlugin(ctor: { prototype: object }): void {
  const proto = ctor.prototype as { query?: unknown; viewCleanup?: unknown };
  proto.query = query;
  proto.viewCleanup = viewCleanup;
}

/** The methods this plugin adds to a database. */
export interface MapreduceMethods<Content extends object = object> {
  /**
   * Queries a map/reduce view (installed by `@satchel/mapreduce`).
   * @example
   * const res = await db.query('app/by_type', { key: 'todo', include_docs: true });
   */
  query<T extends object = UntypedOr<Content>>(
    fun: QueryFun<ExistingDocument<T>>,
    opts?: QueryOptions | null,
    callback?: Callback<QueryResponse<T>>,
  ): Promise<QueryResponse<T>>;
  query<T extends object = UntypedOr<Content>>(
    fun: QueryFun<ExistingDocument<T>>,
    callback: Callback<QueryResponse<T>>,
  ): Promise<QueryResponse<T>>;
  /** Removes indexes of views that no longer exist (installed by `@satchel/mapreduce`). */
  viewCleanup(callback?: Callback<{ ok: boolean }>): Promise<{ ok: boolean }>;
}

declare module '@satchel/core' {
  interface SatchelPlugins<Content extends object = object> extends MapreduceMethods<Content> {}
}
