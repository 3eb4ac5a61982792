import type { Satchel } from '@satchel/core';
import { answerQuery } from './answer-query.js';
import { checkQueryOptions, coerceOptions } from './check-options.js';
import { httpQuery, isRemote } from './http-query.js';
import { queryPersistentView } from './persistent-view.js';
import { resolveView } from './resolve-view.js';
import { runView } from './run-view.js';
import type { QueryFun, QueryOptions, QueryResponse } from './types.js';
import { changesOf } from './update-index.js';

/** Resolves, checks, builds and answers one query. */
async function runChecked(db: Satchel, fun: QueryFun, opts: QueryOptions): Promise<QueryResponse> {
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
 * The work of `db.query` (see view-methods.ts): coerces the options, then resolves, checks,
 * builds and answers the query.
 */
export function runQuery(
  db: Satchel,
  fun: QueryFun,
  opts: QueryOptions | null | undefined,
): Promise<QueryResponse> {
  return runChecked(db, fun, coerceOptions(opts ?? {}));
}
