import type { Callback, Satchel } from '@satchel/core';
import { withCallback } from '@satchel/core';
import { answerQuery } from './answer-query.js';
import { checkQueryOptions, coerceOptions } from './check-options.js';
import { httpQuery, isRemote } from './http-query.js';
import { queryPersistentView } from './persistent-view.js';
import { resolveView } from './resolve-view.js';
import { runView } from './run-view.js';
import type { QueryFun, QueryOptions, QueryResponse } from './types.js';
import { changesOf } from './update-index.js';

/** Resolves, checks, builds and answers one query. */
async function runQuery(db: Satchel, fun: QueryFun, opts: QueryOptions): Promise<QueryResponse> {
  if (isRemote(db)) return httpQuery(db, fun, opts);
  const view = await resolveView(db, fun);
  checkQueryOptions(opts, view);
  if (typeof fun === 'string' && changesOf(db)) {
    return queryPersistentView(db, fun, view, opts, (source) =>
      answerQuery(db, view, source, opts),
    );
  }
  return answerQuery(db, view, await runView(db, view), opts);
}

/**
 * `db.query(fun, opts?, callback?)`: queries a map/reduce view with PouchDB 9's options and
 * results. `fun` is a map function, `{map, reduce}`, or `'ddoc/view'` naming a design document's
 * view. Design-doc views are stored in index databases and updated incrementally from the
 * changes feed (when `@satchel/changes` is installed); temporary views are built per query.
 * On a remote database (one with `db.fetch`) the server answers, as with PouchDB's http adapter.
 */
export function query(
  this: Satchel,
  fun: QueryFun,
  opts?: QueryOptions | Callback<QueryResponse> | null,
  callback?: Callback<QueryResponse>,
): Promise<QueryResponse> {
  if (typeof opts === 'function') return query.call(this, fun, {}, opts);
  return withCallback(async () => runQuery(this, fun, coerceOptions(opts ?? {})), callback);
}
