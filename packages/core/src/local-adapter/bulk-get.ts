import type { DocRecord, RevBody, RevRef } from '../engine/engine.js';
import { createError, Errors } from '../errors.js';
import { isRevString, latest } from '../rev-tree/index.js';
import type { AnyDoc } from '../types/documents.js';
import type { BulkGetRequest, BulkGetResponse } from '../types/options.js';
import { inlineAttachments } from './attachments-out.js';
import { withDocId } from './get.js';
import { materialize } from './read-doc.js';
import type { AdapterState } from './state.js';

type ResultDocs = BulkGetResponse['results'][number]['docs'];
type Entry = ResultDocs[number] | { missing: string };

/** What one requested id asks for: its winner (no revisions named), or those revisions. */
interface IdRequest {
  id: string;
  revs: string[];
}

/** One revision to read for an id: the requested one, its resolved leaf, or why it fails. */
interface Pick {
  asked: string;
  rev?: string;
  error?: unknown;
}

/**
 * `bulkGet` in one read: every document record in one engine call and every revision body in
 * one more, under one read lock. Answers exactly what one `get` per id would (with `open_revs`
 * when revisions are named, as PouchDB's local `bulkGet` does): one result per revision, a
 * `{missing}` entry for a revision it cannot read, an `{error}` entry for a document it cannot.
 * The caller (Satchel) routes ids that are not plain strings, `_local/` ids and databases whose
 * `get` a plugin replaced through `get` instead.
 */
export function bulkGetDocuments(
  state: AdapterState,
  req: BulkGetRequest,
): Promise<BulkGetResponse> {
  const requests = groupById(req.docs);
  return state.lock.read(async () => {
    const records = await state.engine.getDocs(requests.map((r) => r.id));
    const picks = requests.map((r, i) => pickRevs(r, records[i], req.latest === true));
    const bodies = await readBodies(state, requests, picks);
    const perId = await Promise.all(
      requests.map((r, i) => answer(state, req, r, records[i], picks[i] ?? [], bodies)),
    );
    const results: BulkGetResponse['results'] = [];
    requests.forEach((r, i) => {
      for (const entry of perId[i] ?? []) {
        results.push({ id: r.id, docs: [entry as ResultDocs[number]] });
      }
    });
    return { results };
  });
}

/** Requests by id, in first-seen order; every revision named for an id read together. */
function groupById(docs: BulkGetRequest['docs']): IdRequest[] {
  const byId = new Map<string, IdRequest>();
  for (const doc of docs) {
    let request = byId.get(doc.id);
    if (!request) {
      request = { id: doc.id, revs: [] };
      byId.set(doc.id, request);
    }
    if (doc.rev) request.revs.push(doc.rev);
  }
  return [...byId.values()];
}

/** The revisions to read for one id, or an error for the whole id (`undefined`: none). */
function pickRevs(
  request: IdRequest,
  record: DocRecord | undefined,
  useLatest: boolean,
): Pick[] | { error: unknown } {
  if (request.revs.length === 0) {
    if (!record)
      return { error: withDocId(createError(Errors.MISSING_DOC, 'missing'), request.id) };
    if (record.deleted) {
      return { error: withDocId(createError(Errors.MISSING_DOC, 'deleted'), request.id) };
    }
    return [{ asked: record.winningRev, rev: record.winningRev }];
  }
  if (!request.revs.every(isRevString)) return { error: createError(Errors.INVALID_REV) };
  return request.revs.map((asked) => {
    if (!record) return { asked };
    if (!useLatest) return { asked, rev: asked };
    try {
      return { asked, rev: latest(asked, record) };
    } catch (error) {
      return { asked, error };
    }
  });
}

function refKey(id: string, rev: string): string {
  return `${rev}\u0000${id}`;
}

/** Every revision body the picks name, in one engine read (each distinct one once). */
async function readBodies(
  state: AdapterState,
  requests: IdRequest[],
  picks: (Pick[] | { error: unknown })[],
): Promise<Map<string, RevBody>> {
  const refs: RevRef[] = [];
  const keys = new Set<string>();
  requests.forEach((request, i) => {
    const list = picks[i];
    if (!Array.isArray(list)) return;
    for (const pick of list) {
      if (pick.rev === undefined) continue;
      const key = refKey(request.id, pick.rev);
      if (keys.has(key)) continue;
      keys.add(key);
      refs.push({ id: request.id, rev: pick.rev });
    }
  });
  const found = refs.length > 0 ? await state.engine.getRevs(refs) : [];
  const bodies = new Map<string, RevBody>();
  refs.forEach((ref, i) => {
    const body = found[i];
    if (body) bodies.set(refKey(ref.id, ref.rev), body);
  });
  return bodies;
}

/** The entries of one id: as `get` (no revisions named) or `get` with `open_revs` answers. */
async function answer(
  state: AdapterState,
  req: BulkGetRequest,
  request: IdRequest,
  record: DocRecord | undefined,
  picks: Pick[] | { error: unknown },
  bodies: Map<string, RevBody>,
): Promise<Entry[]> {
  if (!Array.isArray(picks)) return [{ error: picks.error } as Entry];
  const named = request.revs.length > 0;
  const entries: Entry[] = [];
  const seen = new Set<string>();
  // A body shared by two picks (`latest` led both to one leaf) is read once; only the first
  // may take it without a copy.
  const taken = new Set<string>();
  for (const pick of picks) {
    const doc =
      record && pick.rev !== undefined
        ? await readPick(state, req, record, pick.rev, bodies, taken)
        : undefined;
    if (!named) {
      // As `get`: a body it cannot find is a 404; attachment bytes it cannot read, an error.
      if (doc instanceof Error || doc === undefined) {
        entries.push({ error: doc ?? missingError(request.id) } as Entry);
      } else entries.push({ ok: doc });
    } else if (!doc || doc instanceof Error) entries.push({ missing: pick.asked });
    else if (!seen.has(doc._rev as string)) {
      seen.add(doc._rev as string);
      entries.push({ ok: doc });
    }
  }
  return entries;
}

/**
 * One revision as a reader gets it; `undefined` when its body is not stored, the error when
 * its attachment bytes could not be read.
 */
async function readPick(
  state: AdapterState,
  req: BulkGetRequest,
  record: DocRecord,
  rev: string,
  bodies: Map<string, RevBody>,
  taken: Set<string>,
): Promise<AnyDoc | Error | undefined> {
  const key = refKey(record.id, rev);
  const body = bodies.get(key);
  if (!body) return undefined;
  const fresh = state.engine.freshReads === true && !taken.has(key);
  taken.add(key);
  const doc = materialize(record, rev, body, { revs: req.revs }, fresh);
  if (!req.attachments || !doc._attachments) return doc;
  try {
    await inlineAttachments(state, [doc], { binary: req.binary });
    return doc;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

function missingError(id: string): unknown {
  return withDocId(createError(Errors.MISSING_DOC), id);
}
