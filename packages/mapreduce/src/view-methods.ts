import { type Callback, onFirstUse, type Satchel, withCallback } from '@satchel/core';
import type { QueryFun, QueryOptions, QueryResponse } from './types.js';

/**
 * The view engine (index updates, collation of rows, reduces, remote calls) is loaded on first
 * use with `import()`, so that bundlers splitting chunks keep it out of what every page loads:
 * most pages open databases long before (if ever) they query a view.
 */
const engine = onFirstUse(() => import('./view-engine.js'));

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
  // Once loaded, the query starts right away, as if the engine had never been split off.
  return withCallback(
    async () => (engine.loaded ?? (await engine.load())).runQuery(this, fun, opts),
    callback,
  );
}

/**
 * `db.viewCleanup(callback?)`: destroys the index databases of design-doc views that no longer
 * exist (their design doc or view was deleted, or the view's code changed), as PouchDB does.
 * On a remote database the server cleans up (`POST _view_cleanup`).
 */
export function viewCleanup(
  this: Satchel,
  callback?: Callback<{ ok: boolean }>,
): Promise<{ ok: boolean }> {
  return withCallback(
    async () => (engine.loaded ?? (await engine.load())).cleanupViews(this),
    callback,
  );
}
