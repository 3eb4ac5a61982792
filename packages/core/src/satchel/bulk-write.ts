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
  const given = request.docs;
  const shallow = newEdits && adapter.readsWritesAtCall === true;
  const docs: AnyDoc[] = new Array(given.length);
  for (let i = 0; i < given.length; i++) {
    docs[i] = shallow ? writeCopy(given[i]!) : (clone(given[i]) as AnyDoc);
  }
  if (!newEdits) docs.sort(compareByIdThenRev);
  cleanDocs(docs);
  const ids: unknown[] = new Array(docs.length);
  for (let i = 0; i < docs.length; i++) ids[i] = docs[i]!._id;
  const adapterOpts = options.was_delete
    ? { new_edits: newEdits, was_delete: true }
    : { new_edits: newEdits };
  return rowsWithIds(adapter.bulkDocs(docs, adapterOpts), ids, newEdits);
}

/**
 * The adapter's rows as `bulkDocs` answers them, each with its document's id. An async
 * function rather than a callback made per call (see `RwLock`), at the same cost in hops.
 */
async function rowsWithIds(
  writing: Promise<BulkDocsResultRow[]>,
  ids: readonly unknown[],
  newEdits: boolean,
): Promise<BulkDocsResultRow[]> {
  const written = await writing;
  // CouchDB reports only failures when replicating revisions in.
  const rows = newEdits ? written : written.filter(isErrorRow);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (!row.id && ids[i] !== undefined) row.id = ids[i] as string;
  }
  return rows;
}

function isErrorRow(row: BulkDocsResultRow): boolean {
  return 'error' in row && Boolean(row.error);
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
