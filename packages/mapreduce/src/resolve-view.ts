import { type Satchel, writeCounter } from '@satchel/core';
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

/** Each database's design-doc views as queries last read them, with the write count then. */
const lastViews = new WeakMap<Satchel, { writes: number; views: Map<string, ViewDefinition> }>();

/**
 * {@link designDocView}, read again only once the database announced a write since the view
 * was last read: a run of queries on an unchanged database reads each design doc once. Only
 * views read successfully are kept (a missing one is asked for again, and fails again); they
 * never reach the user, who could change them.
 */
async function latestDesignDocView(db: Satchel, name: string): Promise<ViewDefinition> {
  // Read before the design doc: a write racing the read moves the count past this one.
  const writes = writeCounter(db)?.count;
  if (writes === undefined) return designDocView(db, name);
  let last = lastViews.get(db);
  const kept = last?.writes === writes ? last.views.get(name) : undefined;
  if (kept) return kept;
  const view = await designDocView(db, name);
  last = lastViews.get(db);
  if (last?.writes !== writes) {
    last = { writes, views: new Map() };
    lastViews.set(db, last);
  }
  last.views.set(name, view);
  return view;
}

/**
 * The view a query runs: a bare map function, a `{map, reduce}` object, or a design document's
 * view named `'ddoc/view'` (read through `db.get`, so a missing design doc is PouchDB's 404).
 * @param db - the source database.
 * @param fun - the query's first argument.
 */
export async function resolveView(db: Satchel, fun: QueryFun): Promise<ViewDefinition> {
  if (typeof fun === 'function') return { map: fun };
  if (typeof fun === 'string') return latestDesignDocView(db, fun);
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
