import type { Adapter } from '../adapter/adapter.js';
import { clone, isPlainObject } from '../clone.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { occasional } from '../occasional.js';
import type { AnyDoc } from '../types/documents.js';
import type { BulkDocsOptions, BulkDocsResultRow } from '../types/options.js';
import { checkRevMember, isNotSingleDoc } from './document-checks.js';

/** A bulk write request: a list of documents, or PouchDB's `{docs, new_edits}` object. */
export type BulkWriteRequest = AnyDoc[] | { docs: AnyDoc[]; new_edits?: boolean };

type WriteOptions = BulkDocsOptions & { was_delete?: boolean };

/**
 * What `bulkDocs` does below its plugin-wrappable surface: checks the request, copies the
 * documents and writes them to the adapter. `put` calls it directly where PouchDB's `put`
 * does not pass through `db.bulkDocs` (remote databases, `_local` documents). Request errors
 * are thrown, for the caller (`Satchel.run`) to reject with.
 *
 * Documents with attachments (their names checked, their entries cleaned) and replicated
 * revisions (sorted) need code loaded on first use, as the adapters' handling of those writes
 * does: the first such write loads it after the documents are copied, so what is written is
 * what the caller passed at the call. Writes made meanwhile wait for the load too, so that
 * they reach the adapter in call order.
 */
export function writeDocs(
  adapter: Adapter,
  req: BulkWriteRequest,
  options: WriteOptions,
): Promise<BulkDocsResultRow[]> {
  const request = Array.isArray(req) ? { docs: req } : req;
  if (!request || !Array.isArray(request.docs)) throw createError(Errors.MISSING_BULK_DOCS);
  let attachments = false;
  for (const doc of request.docs) {
    if (isNotSingleDoc(doc)) throw createError(Errors.NOT_AN_OBJECT);
    checkRevMember(doc);
    // Even `null` ones: deleted documents lose the member.
    if ('_attachments' in doc) attachments = true;
  }
  const newEdits =
    'new_edits' in options ? options.new_edits !== false : request.new_edits !== false;
  const occasionally = attachments || !newEdits;
  const code = occasionally ? occasional.loaded : undefined;
  if (attachments) code?.checkAttachmentNames(request.docs);
  const given = request.docs;
  // A write made while the first write needing that code waits for it must not overtake it.
  const loading = occasionally ? undefined : occasional.loading;
  // A top-level copy suffices for an adapter that reads the write at the call, unless the write
  // waits first (for code loaded on first use): the adapter then reads it after the caller may
  // have changed what the copy shares.
  const shallow =
    newEdits && adapter.readsWritesAtCall === true && (!attachments || !!code) && !loading;
  const docs: AnyDoc[] = new Array(given.length);
  for (let i = 0; i < given.length; i++) {
    docs[i] = shallow ? writeCopy(given[i]!) : (clone(given[i]) as AnyDoc);
  }
  if (!occasionally) {
    if (!loading) return write(adapter, docs, true, options);
    const after = () => write(adapter, docs, true, options);
    return loading.then(after, after);
  }
  if (code) return prepared(code, docs, newEdits, false, adapter, options);
  return occasional
    .load()
    .then((loaded) => prepared(loaded, docs, newEdits, attachments, adapter, options));
}

/** Checks (`check`) and cleans attachments, and checks and sorts replicated revisions, then writes. */
function prepared(
  code: NonNullable<typeof occasional.loaded>,
  docs: AnyDoc[],
  newEdits: boolean,
  check: boolean,
  adapter: Adapter,
  options: WriteOptions,
): Promise<BulkDocsResultRow[]> {
  if (check) code.checkAttachmentNames(docs);
  if (!newEdits) code.sortReplicated(docs);
  code.cleanDocs(docs);
  return write(adapter, docs, newEdits, options);
}

/** Writes the copies; the rows come back each with its document's id. */
function write(
  adapter: Adapter,
  docs: AnyDoc[],
  newEdits: boolean,
  options: WriteOptions,
): Promise<BulkDocsResultRow[]> {
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
 * serialises them. Like `clone`, it drops undefined `_` members (PouchDB's copy does: an
 * undefined `_id`, `_rev` or unknown `_x` is absent) and an own `__proto__`. Documents with
 * attachments (their data is read after the call) or a `toJSON` (its text is the body), and
 * class instances (PouchDB writes their `_id` into them), are deep-copied as before.
 */
function writeCopy(doc: AnyDoc): AnyDoc {
  if (doc._attachments || doc.toJSON || !isPlainObject(doc)) return clone(doc);
  // Spread copies the members in one step (a large document: several times cheaper than one
  // by one), each read once; an own `__proto__` becomes a plain member, deleted here. Only
  // `_` members are looked at: another undefined one has no JSON and is stored as absent.
  const copy: AnyDoc = { ...doc };
  const keys = Object.keys(copy);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key.charCodeAt(0) === 95 && (copy[key] === undefined || key === '__proto__')) {
      delete copy[key];
    }
  }
  return copy;
}
