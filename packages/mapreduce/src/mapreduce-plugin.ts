import type { Callback } from '@satchel/core';
import { query } from './query.js';
import type { QueryFun, QueryOptions, QueryResponse } from './types.js';
import { viewCleanup } from './view-cleanup.js';

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
export interface MapreduceMethods {
  /**
   * Queries a map/reduce view (installed by `@satchel/mapreduce`).
   * @example
   * const res = await db.query('app/by_type', { key: 'todo', include_docs: true });
   */
  query(
    fun: QueryFun,
    opts?: QueryOptions | null,
    callback?: Callback<QueryResponse>,
  ): Promise<QueryResponse>;
  query(fun: QueryFun, callback: Callback<QueryResponse>): Promise<QueryResponse>;
  /** Removes indexes of views that no longer exist (installed by `@satchel/mapreduce`). */
  viewCleanup(callback?: Callback<{ ok: boolean }>): Promise<{ ok: boolean }>;
}

declare module '@satchel/core' {
  interface SatchelPlugins extends MapreduceMethods {}
}
