import type { DocRecord, RevBody, RevRef } from '../engine/engine.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { occasional } from '../occasional.js';
import { isLocalId } from '../rev-tree/local-id.js';
import type { AnyDoc } from '../types/documents.js';
import type { GetOptions, OpenRevsResult } from '../types/options.js';
import { bodiesAreFresh, materialize, needsExtras } from './read-doc.js';
import type { AdapterState } from './state.js';

/** Reads a document, one of its revisions, or (with `open_revs`) several leaves. */
export function getDocument(
  state: AdapterState,
  id: string,
  opts: GetOptions,
): Promise<AnyDoc | OpenRevsResult[]> {
  if (isLocalId(id)) return readLocal(state, id);
  // A task given its arguments, not a closure made per call (see `RwLock`).
  return state.lock.read(getLocked, state, { id, opts });
}

/** {@link getDocument} under the read lock: a plain `get` waits for its two engine reads. */
async function getLocked(
  state: AdapterState,
  { id, opts }: { id: string; opts: GetOptions },
): Promise<AnyDoc | OpenRevsResult[]> {
  const records = await state.engine.getDocs([id]);
  // Awaited rather than returned: an async function returning a promise waits two hops more.
  return await getFromRecord(state, id, records[0], opts, undefined);
}

/** A `_local/` document (local docs are read by code loaded on first use). */
function readLocal(state: AdapterState, id: string): Promise<AnyDoc> {
  const code = occasional.loaded;
  return code ? code.getLocal(state, id) : occasional.load().then((c) => c.getLocal(state, id));
}

/**
 * Reads one revision body (a bulk read may answer from bodies it fetched together); without
 * one, a body is read from the engine on its own.
 */
export type BodyReader = ((ref: RevRef) => Promise<RevBody | undefined>) | undefined;

/** `get` of a document whose record is already read (under the read lock). */
export function getFromRecord(
  state: AdapterState,
  id: string,
  record: DocRecord | undefined,
  opts: GetOptions,
  read: BodyReader,
): Promise<AnyDoc | OpenRevsResult[]> {
  if (opts.open_revs !== undefined) {
    // Replication's read: its code is loaded on first use.
    const code = occasional.loaded;
    if (code) return code.openRevs(state, record, opts, read);
    return occasional.load().then((c) => c.openRevs(state, record, opts, read));
  }
  if (!record) return Promise.reject(withDocId(createError(Errors.MISSING_DOC, 'missing'), id));
  return readRevision(state, record, opts, read);
}

/** Reads revision `opts.rev` of a read record (its winner by default) as a document. */
export async function readRevision(
  state: AdapterState,
  record: DocRecord,
  opts: GetOptions,
  read: BodyReader,
): Promise<AnyDoc> {
  let rev: string;
  if (!opts.rev) {
    if (record.deleted) throw withDocId(createError(Errors.MISSING_DOC, 'deleted'), record.id);
    rev = record.winningRev;
  } else {
    rev = opts.latest
      ? (occasional.loaded ?? (await occasional.load())).latestOrMissing(opts.rev, record)
      : opts.rev;
  }
  const ref: RevRef = { id: record.id, rev };
  const body = read ? await read(ref) : (await state.engine.getRevs([ref]))[0];
  if (!body) throw withDocId(createError(Errors.MISSING_DOC), record.id);
  const extras = needsExtras(opts) ? (occasional.loaded ?? (await occasional.load())) : undefined;
  const doc = materialize(record, rev, body, opts, bodiesAreFresh(state.engine), extras);
  if (opts.attachments) {
    const { inlineAttachments } = occasional.loaded ?? (await occasional.load());
    await inlineAttachments(state, [doc], opts);
  }
  return doc;
}

/** Marks a single-document call's error with the document it was about, as PouchDB does. */
export function withDocId<E extends object>(err: E, id: string): E {
  (err as E & { docId?: string }).docId = id;
  return err;
}
