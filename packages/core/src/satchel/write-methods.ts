import { checkDocId } from '../doc-id.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { occasional } from '../occasional.js';
import { isLocalId } from '../rev-tree/local-id.js';
import type { AnyDoc, WriteResponse } from '../types/documents.js';
import type { BulkDocsOptions, BulkDocsResultRow } from '../types/options.js';
import { writeDocs } from './bulk-write.js';
import { type DatabaseSurface, WRITE_BULK } from './database-surface.js';
import { checkRevMember, isNotSingleDoc } from './document-checks.js';

/** Options of `put`. */
export interface PutOptions extends BulkDocsOptions {
  /** Write even if `_rev` is not the current winner, as a new branch. */
  force?: boolean;
}

/** Options of `remove`. */
export interface RemoveOptions extends BulkDocsOptions {
  rev?: string;
}

/**
 * PouchDB's `put`: checks the document, then writes it through `db.bulkDocs`. Like the other
 * methods here it throws its argument errors (the caller, `Satchel.run`, rejects with them)
 * and returns the write's own promise: an async function would add a promise and two hops.
 */
export function putDocument(
  db: DatabaseSurface,
  doc: unknown,
  options: PutOptions,
): Promise<WriteResponse> {
  if (isNotSingleDoc(doc)) throw createError(Errors.NOT_AN_OBJECT);
  const checked = doc as AnyDoc;
  checkDocId(checked._id);
  checkRevMember(checked);
  // As in PouchDB, a local database writes a `_local` document as given, whatever the options:
  // it has no revision tree for `force` or `new_edits: false` to act on.
  const local = isLocalId(checked._id);
  if (local && !db._remote) return writeOne(db, checked, {}, true);
  if (options.force && checked._rev) {
    // Forced edits (new branches) come with the code loaded on first use.
    return occasional.load().then((code) => code.forcePut(db, checked, options));
  }
  // PouchDB's `put` writes `_local` documents, and any document of a remote database, straight
  // to the adapter: plugins that wrap `bulkDocs` (transform-pouch) must not see them twice.
  const direct = local || (db._remote && options.new_edits !== false);
  return writeOne(db, checked, options, direct);
}

/** PouchDB's `post`: a document whose id the write path generates. */
export function postDocument(
  db: DatabaseSurface,
  doc: unknown,
  options: BulkDocsOptions,
): Promise<WriteResponse> {
  if (isNotSingleDoc(doc)) throw createError(Errors.NOT_AN_OBJECT);
  return writeOne(db, doc as AnyDoc, options);
}

/** PouchDB's `remove`: writes a tombstone for `doc._rev` (or `options.rev`). */
export function removeDocument(
  db: DatabaseSurface,
  doc: unknown,
  options: RemoveOptions,
): Promise<WriteResponse> {
  // `remove('id')` without a rev: PouchDB reads `_id` off the string, finds none, and answers
  // 404 `deleted` (the tombstone it would write has nothing to delete).
  const target = typeof doc === 'string' ? {} : doc;
  if (isNotSingleDoc(target)) throw createError(Errors.NOT_AN_OBJECT);
  const { _id, _rev } = target as AnyDoc;
  // Without an id there is nothing to delete: the write path would otherwise invent one (and a
  // server would store a tombstone under it).
  if (_id === undefined) throw createError(Errors.MISSING_DOC, 'deleted');
  // A falsy rev counts as none, as in PouchDB (its copy drops the undefined member).
  const tombstone: AnyDoc = { _id, _rev: _rev || options.rev, _deleted: true };
  if (!tombstone._rev) delete tombstone._rev;
  // As in PouchDB, a `_local` document is removed without passing through `db.bulkDocs`, and
  // whatever the options but the rev.
  const local = isLocalId(_id);
  return writeOne(db, tombstone, { ...(local ? {} : options), was_delete: true }, local);
}

/**
 * Writes one document through `db.bulkDocs` (or, `direct`, below it) and turns its row into a
 * result or error.
 */
export function writeOne(
  db: DatabaseSurface,
  doc: AnyDoc,
  options: BulkDocsOptions & { was_delete?: boolean },
  direct = false,
): Promise<WriteResponse> {
  const request = { docs: [doc] };
  const writing = direct
    ? writeDocs(db._adapter, request, options)
    : db[WRITE_BULK](request, options);
  return firstRow(writing, doc);
}

/**
 * The row of a single-document write as its answer, or thrown as its error. An async function
 * rather than a callback made per call (see `RwLock`), at the same cost in hops.
 */
async function firstRow(
  writing: Promise<BulkDocsResultRow[]>,
  doc: AnyDoc,
): Promise<WriteResponse> {
  const rows = await writing;
  const first = rows[0];
  if (first && 'error' in first && first.error) {
    (first as { docId?: unknown }).docId = doc._id;
    throw first;
  }
  // With new_edits: false PouchDB answers an empty list here.
  return (rows.length ? first : rows) as WriteResponse;
}
