import { createError, Errors, type Satchel } from '@satchel/core';
import { queryViews } from './get-indexes.js';
import { destroyUnusedIndexes, indexSignature } from './index-store.js';
import { badRequest } from './mango-error.js';
import { upsert } from './upsert.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * pouchdb-find 9's local `deleteIndex`: removes the view from its design doc (the whole design
 * doc when it was the only view), then destroys the stored rows of every index that no longer exists (pouchdb-find runs
 * `viewCleanup` there). A design doc that does
 * not exist gives a 404 (where PouchDB throws a `TypeError`).
 * @param db - the database.
 * @param index - `{ddoc, name}` as `getIndexes` lists it.
 */
export async function deleteIndex(db: Satchel, index: unknown): Promise<{ ok: true }> {
  if (!isRecord(index)) throw badRequest('you must provide an index to delete');
  if (!index.ddoc) throw badRequest('you must supply an index.ddoc when deleting');
  if (!index.name) throw badRequest('you must supply an index.name when deleting');
  const ddocId = String(index.ddoc);
  const viewName = String(index.name);
  await upsert(db, ddocId, (doc) => {
    if (!isRecord(doc.views)) throw createError(Errors.MISSING_DOC, 'Index not found');
    const views = doc.views;
    const view = views[viewName];
    if (Object.keys(views).length === 1 && view) return { _id: ddocId, _deleted: true };
    delete views[viewName];
    return doc;
  });
  const live = (await queryViews(db)).map((v) => indexSignature(v.ddoc, v.name, v.view.map));
  await destroyUnusedIndexes(db, new Set(live));
  return { ok: true };
}
