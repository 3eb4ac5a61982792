import type { Adapter } from '../adapter/adapter.js';
import { clone, isPlainObject } from '../clone.js';
import { createError, Errors } from '../errors.js';
import type { AnyDoc } from '../types/documents.js';
import type { BulkDocsOptions, BulkDocsResultRow } from '../types/options.js';
import {
  checkAttachmentNames,
  checkRevMember,
  cleanDocs,
  compareByIdThenRev,
  isNotSingleDoc,
} from './document-checks.js';

/** A bulk write request: a list of documents, or PouchDB's `{docs, new_edits}` object. */
export type BulkWriteRequest = AnyDoc[] | { docs: AnyDoc[]; new_edits?: boolean };

/**
 * What `bulkDocs` does below its plugin-wrappable surface: checks the request, copies the
 * documents and writes them to the adapter. `put` calls it directly where PouchDB's `put`
 * does not pass through `db.bulkDocs` (remote databases, `_local` documents). Request errors
 * are thrown, for the caller (`Satchel.run`) to reject with.
 */
export function writeDocs(
  adapter: Adapter,
  req: BulkWriteRequest,
  options: BulkDocsOptions & { was_delete?: boolean },
): Promise<BulkDocsResultRow[]> {
  const request = Array.isArray(req) ? { docs: req } : req;
  if (!request || !Array.isArray(request.docs)) throw createError(Errors.MISSING_BULK_DOCS);
  for (const doc of request.docs) {
    if (isNotSingleDoc(doc)) throw createError(Errors.NOT_AN_OBJECT);
    checkRevMember(doc);
  }
  checkAttachmentNames(request.docs);
  const newEdits =
    'new_edits' in options ? options.new_edits !== false : request.new_edits !== false;
  const shallow = newEdits && adapter.readsWritesAtCall === true;
  const docs = request.docs.map((doc) => (shallow ? writeCopy(doc) : (clone(doc) as AnyDoc)));
  if (!newEdits) docs.sort(compareByIdThenRev);
  cleanDocs(docs);
  const ids = docs.map((doc) => doc._id);
  const adapterOpts = {
    new_edits: newEdits,
    ...(options.was_delete ? { was_delete: true } : {}),
  };
  return adapter.bulkDocs(docs, adapterOpts).then((written) => {
    // CouchDB reports only failures when replicating revisions in.
    const rows = newEdits ? written : written.filter((row) => 'error' in row && row.error);
    rows.forEach((row, i) => {
      if (!row.id && ids[i] !== undefined) row.id = ids[i] as string;
    });
    return rows;
  });
}

/**
 * The copy of a new edit's document for an adapter that reads writes at the call
 * (`readsWritesAtCall`): its top level only, nested values shared, since the adapter only
 * serialises them. Like `clone`, it drops `undefined` members (PouchDB's copy does: an
 * undefined `_rev` or unknown `_x` is absent) and an own `__proto__`. Documents with
 * attachments (their data is read after the call) or a `toJSON` (its text is the body), and
 * class instances (PouchDB writes their `_id` into them), are deep-copied as before.
 */
function writeCopy(doc: AnyDoc): AnyDoc {
  if (doc._attachments || doc.toJSON || !isPlainObject(doc)) return clone(doc);
  const copy: AnyDoc = {};
  for (const key of Object.keys(doc)) {
    if (doc[key] !== undefined && key !== '__proto__') copy[key] = doc[key];
  }
  return copy;
}
