import type { Satchel } from '@satchel/core';
import { stringMd5 } from '@satchel/core';
import { designDocId } from './ddoc-id.js';
import type { StoredView } from './get-indexes.js';
import { checkSortDirections, massageCreateRequest, massageIndexDef } from './index-definition.js';
import { inIndexQueue, openIndex } from './index-store.js';
import { badRequest } from './mango-error.js';
import { bringUpToDate } from './read-index.js';
import type { CreateIndexResponse } from './types.js';
import { upsert } from './upsert.js';

/** The view pouchdb-find stores for an index. */
function storedView(
  fields: Record<string, string>[],
  def: Record<string, unknown>,
  partial: unknown,
): StoredView {
  const map: Record<string, unknown> = { fields: Object.assign({}, ...fields) };
  if (partial !== undefined) map.partial_filter_selector = partial;
  return {
    map: map as unknown as StoredView['map'],
    reduce: '_count',
    options: { def },
  };
}

/**
 * pouchdb-find 9's local `createIndex`: stores the index as a view of a `language: 'query'`
 * design doc (`_design/idx-<md5>` unless `ddoc` is given; named `idx-<md5>` unless `name`
 * is given, the md5 being that of the normalised request's JSON; a `ddoc` may carry the
 * `_design/` prefix, as in CouchDB) and builds it before answering. An index already there
 * gives `result: 'exists'`. A design doc of another language is refused and left as it was.
 * @param db - the database.
 * @param request - the request as the user wrote it.
 */
export async function createIndex(db: Satchel, request: unknown): Promise<CreateIndexResponse> {
  const def = massageCreateRequest(request);
  const original = structuredClone(def.index);
  const massaged = massageIndexDef(def.index);
  def.index = massaged;
  checkSortDirections(massaged);
  let md5: string | undefined;
  const getMd5 = (): string => {
    md5 ??= stringMd5(JSON.stringify(def));
    return md5;
  };
  const viewName = def.name || `idx-${getMd5()}`;
  const ddocId = designDocId(def.ddoc || `idx-${getMd5()}`);
  const view = storedView(massaged.fields, original, massaged.partial_filter_selector);
  let exists = false;
  let invalidLanguage = false;
  await upsert(db, ddocId, (doc) => {
    // pouchdb-find writes the index into it before refusing: the user's views would become
    // `query` views. Refused untouched instead.
    if (doc._rev && doc.language !== 'query') {
      invalidLanguage = true;
      return false;
    }
    doc.language = 'query';
    const views = (doc.views ?? {}) as Record<string, unknown>;
    doc.views = views;
    exists = Object.hasOwn(views, viewName) && Boolean(views[viewName]);
    if (exists) return false;
    views[viewName] = view;
    return doc;
  });
  if (invalidLanguage) {
    throw badRequest(`invalid language for ddoc with id "${ddocId}" (should be "query")`);
  }
  await buildIndex(db, ddocId, viewName);
  return { id: ddocId, name: viewName, result: exists ? 'exists' : 'created' };
}

/** Builds (or brings up to date) the index now stored under `ddocId`/`viewName`. */
async function buildIndex(db: Satchel, ddocId: string, viewName: string): Promise<void> {
  const ddoc = (await db.get(ddocId)) as { views?: Record<string, StoredView> };
  const stored = ddoc.views?.[viewName];
  if (!stored?.map?.fields) return;
  const index = await openIndex(db, ddocId, viewName, stored.map);
  await inIndexQueue(index, () => bringUpToDate(db, index));
}
