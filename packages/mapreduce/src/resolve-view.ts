import type { Satchel } from '@satchel/core';
import { queryParseError, viewNotFound } from './query-errors.js';
import type { QueryFun, ViewDefinition } from './types.js';

/** `'ddoc/view'`, or `'view'` alone meaning `'view/view'`, as PouchDB's `parseViewName`. */
export function parseViewName(name: string): [string, string] {
  if (!name.includes('/')) return [name, name];
  const parts = name.split('/');
  return [parts[0] ?? '', parts[1] ?? ''];
}

/** Reads a design document's view, with PouchDB's 404s for a missing view or non-string map. */
async function designDocView(db: Satchel, name: string): Promise<ViewDefinition> {
  const [ddocName, viewName] = parseViewName(name);
  const ddoc = (await db.get(`_design/${ddocName}`)) as {
    _id: string;
    views?: Record<string, { map?: unknown; reduce?: unknown }>;
  };
  const view = ddoc.views?.[viewName];
  if (!view) throw viewNotFound(`ddoc ${ddoc._id} has no view named ${viewName}`);
  if (typeof view.map !== 'string') {
    throw viewNotFound(
      `ddoc ${ddoc._id} has no string view named ${viewName}, instead found object of type: ${typeof view.map}`,
    );
  }
  return view as ViewDefinition;
}

/**
 * The view a query runs: a bare map function, a `{map, reduce}` object, or a design document's
 * view named `'ddoc/view'` (read through `db.get`, so a missing design doc is PouchDB's 404).
 * @param db - the source database.
 * @param fun - the query's first argument.
 */
export async function resolveView(db: Satchel, fun: QueryFun): Promise<ViewDefinition> {
  if (typeof fun === 'function') return { map: fun };
  if (typeof fun === 'string') return designDocView(db, fun);
  checkTemporaryView(fun);
  return fun;
}

/**
 * Refuses a first argument that is no view at all with a clear error (PouchDB throws a
 * `TypeError` from deep inside). A `map` that is not a function is left to fail per document,
 * as in PouchDB.
 * @param fun - the query's first argument, neither a function nor a string.
 */
export function checkTemporaryView(fun: unknown): void {
  const isView = typeof fun === 'object' && fun !== null && !Array.isArray(fun);
  const map = isView ? (fun as { map?: unknown }).map : undefined;
  if (map === undefined || map === null) {
    throw queryParseError(
      "db.query needs a map function, a { map, reduce } object or a 'ddoc/view' name",
    );
  }
}
