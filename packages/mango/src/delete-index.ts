import { createError, Errors, type Satchel } from '@satchel/core';
import { designDocId } from './ddoc-id.js';
import { queryViews } from './get-indexes.js';
import { destroyUnusedIndexes, indexSignature } from './index-store.js';
import { badRequest } from './mango-error.js';
import { upsert } from './upsert.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * pouchdb-find 9's local `deleteIndex`: removes the view from its design doc (the whole design
 * doc when it was the only view), then destroys the stored rows of every index that no longer
 * exists (pouchdb-find runs `viewCleanup` there). As in CouchDB, `ddoc` may leave out the
 * `_design/` prefix, and a design doc that does not exist, is not `language: 'query'` or has
 * no view of that name gives a 404 and is left alone (PouchDB throws a `TypeError`, deletes
 * JavaScript views or rewrites the design doc).
 * @param db - the database.
 * @param index - `{ddoc, name}` as `getIndexes` lists it.
 */
export async function deleteIndex(db: Satchel, index: unknown): Promise<{ ok: true }> {
  if (!isRecord(index)) throw badRequest('you must provide an index to delete');
  if (!index.ddoc) throw badRequest('you must supply an index.ddoc when deleting');
  if (!index.name) throw badRequest('you must supply an index.name when deleting');
  const ddocId = designDocId(String(index.ddoc));
  const viewName = String(index.name);
  await upsert(db, ddocId, (doc) => {
    // Only an index goes: pouchdb-find would delete a JavaScript view, or a whole document.
    const views = doc.views;
    if (doc.language !== 'query' || !isRecord(views) || !Object.hasOwn(views, viewName)) {
      throw createError(Errors.MISSING_DOC, 'Index not found');
    }
    if (Object.keys(views).length === 1) return { _id: ddocId, _deleted: true };
    delete views[viewName];
    return doc;
  });
  const live = (await queryViews(db)).map((v) => indexSignature(v.ddoc, v.name, v.view.map));
  await destroyUnusedIndexes(db, new Set(live));
  return { ok: true };
}
