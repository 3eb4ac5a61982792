import { type Satchel, writeCounter } from '@satchel/core';
import { compare } from '@satchel/selector';
import { massageIndexDef } from './index-definition.js';
import type { MapDefinition } from './index-key.js';
import type { GetIndexesResponse, IndexInfo } from './types.js';

/** A query view as pouchdb-find stores it in a design doc. */
export interface StoredView {
  map: MapDefinition;
  reduce?: string;
  options: { def: Record<string, unknown> };
}

/** The special index every database has: `_all_docs`, by `_id`. */
function allDocsIndex(): IndexInfo {
  return { ddoc: null, name: '_all_docs', type: 'special', def: { fields: [{ _id: 'asc' }] } };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a design doc view is one pouchdb-find (or this package) made. */
export function isQueryView(view: unknown): view is StoredView {
  if (!isRecord(view) || !isRecord(view.map) || !isRecord(view.map.fields)) return false;
  return (
    isRecord(view.options) && isRecord(view.options.def) && Array.isArray(view.options.def.fields)
  );
}

/** A query view and where it is defined. */
export interface QueryView {
  ddoc: string;
  name: string;
  view: StoredView;
}

/** The query views of the database's `language: 'query'` design docs, in id order. */
export async function queryViews(db: Satchel): Promise<QueryView[]> {
  const res = await db.allDocs({
    startkey: '_design/',
    endkey: '_design/\uffff',
    include_docs: true,
  });
  const views: QueryView[] = [];
  for (const row of res.rows) {
    const doc = row.doc as Record<string, unknown> | null | undefined;
    if (doc?.language !== 'query' || !isRecord(doc.views)) continue;
    for (const [name, view] of Object.entries(doc.views)) {
      // Views another tool left without a definition are skipped rather than fatal.
      if (isQueryView(view)) views.push({ ddoc: row.id, name, view });
    }
  }
  return views;
}

/** Each database's query views as `find` last read them, with the write count of that read. */
const lastViews = new WeakMap<Satchel, { writes: number; views: QueryView[] }>();

/**
 * {@link queryViews}, read again only once the database announced a write since the last
 * read: a run of queries on an unchanged database reads its design docs once. The views are
 * kept, so they must never reach the user (who could change them): only `find` uses this.
 */
async function latestQueryViews(db: Satchel): Promise<QueryView[]> {
  // Read before the design docs: a write racing the read moves the count past this one.
  const writes = writeCounter(db)?.count;
  if (writes === undefined) return queryViews(db);
  const last = lastViews.get(db);
  if (last?.writes === writes) return last.views;
  const views = await queryViews(db);
  lastViews.set(db, { writes, views });
  return views;
}

/** The indexes `getIndexes` lists, and the stored view behind each (`ddoc/name`). */
export interface IndexCatalog {
  response: GetIndexesResponse;
  views: Map<string, StoredView>;
}

/**
 * The database's indexes and their views from one read of its design docs: `find` plans with
 * the list and reads the chosen view from here, not with a second read of the design doc.
 * @param db - the database.
 * @param reuse - whether views read earlier may serve while the database has not been
 *   written since (for `find`, which hands no index to the user).
 */
export async function indexCatalog(db: Satchel, reuse = false): Promise<IndexCatalog> {
  const indexes: IndexInfo[] = [allDocsIndex()];
  const views = new Map<string, StoredView>();
  const stored = reuse ? await latestQueryViews(db) : await queryViews(db);
  for (const { ddoc, name, view } of stored) {
    indexes.push({ ddoc, name, type: 'json', def: massageIndexDef(view.options.def) });
    views.set(`${ddoc}/${name}`, view);
  }
  indexes.sort((left, right) => compare(left.name, right.name));
  return { response: { indexes, total_rows: indexes.length }, views };
}

/**
 * pouchdb-find 9's local `getIndexes`: `_all_docs` and every query view, sorted by name
 * (code-unit order, `_all_docs` usually first), each with its massaged definition.
 * @param db - the database.
 */
export async function getIndexes(db: Satchel): Promise<GetIndexesResponse> {
  return (await indexCatalog(db)).response;
}
