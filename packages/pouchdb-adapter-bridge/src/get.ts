import {
  type AnyDoc,
  collectConflicts,
  collectLeaves,
  createError,
  Errors,
  findRevAncestry,
  type GetOptions,
  isDeleted,
  isValidRev,
  latest,
  type OpenRevsResult,
  type RevTree,
  revisionsFromPath,
  revsInfoFromPath,
} from '@satchel/core';
import { viaCallback } from './node-callback.js';
import { ownCopy } from './own-copy.js';
import type { PouchGetResult, PouchHost, PouchInternals } from './pouch-adapter.js';

/** The underscore methods a read needs. */
type Reader = Pick<PouchInternals, '_get' | '_getRevisionTree' | '_getAttachment'>;

/**
 * PouchDB's `get` over an adapter's `_get`: the body and metadata come from the adapter; the
 * meta fields (`_conflicts`, `_deleted`, `_revisions`, `_revs_info`), stubs and inline
 * attachments are added here, as PouchDB's own layer adds them.
 */
export async function getDocument(
  host: PouchHost & Reader,
  id: string,
  opts: GetOptions,
): Promise<AnyDoc | OpenRevsResult[]> {
  if (opts.open_revs !== undefined) return openRevs(host, id, opts);
  const result = await readDoc(host, id, opts).catch((err: unknown) => {
    if (err && typeof err === 'object') (err as { docId?: string }).docId = id;
    throw err;
  });
  const { doc, metadata } = result;
  if (opts.conflicts) {
    const conflicts = collectConflicts(metadata);
    if (conflicts.length > 0) doc._conflicts = conflicts;
  }
  if (isDeleted(metadata, doc._rev as string)) doc._deleted = true;
  if (opts.revs || opts.revs_info) addAncestry(doc, result, opts);
  if (opts.attachments && doc._attachments) await inlineAttachments(host, result, opts);
  else markStubs(doc);
  return doc;
}

/**
 * The adapter's `_get`, with `latest` resolved here: pouchdb-adapter-leveldb-core resolves it
 * inside a callback, where a revision not in the tree throws uncaught (the process ends, and
 * the adapter's queue never answers again). An unknown revision is 404 missing, as in core.
 */
async function readDoc(host: Reader, id: string, opts: GetOptions): Promise<PouchGetResult> {
  let options: Record<string, unknown> = { ...opts };
  if (opts.latest && opts.rev) {
    const rev_tree = await viaCallback<RevTree>((cb) => host._getRevisionTree(id, cb));
    let rev: string;
    try {
      rev = latest(opts.rev, { id, rev_tree });
    } catch {
      throw createError(Errors.MISSING_DOC);
    }
    options = { ...options, rev, latest: false };
  }
  return viaCallback<PouchGetResult>((cb) => host._get(id, options, cb));
}

function addAncestry(doc: AnyDoc, { metadata }: PouchGetResult, opts: GetOptions): void {
  const ancestry = findRevAncestry(metadata.rev_tree, doc._rev as string);
  if (!ancestry) throw Object.assign(new Error('invalid rev tree'), { docId: doc._id });
  if (opts.revs) doc._revisions = revisionsFromPath(ancestry);
  if (opts.revs_info) doc._revs_info = revsInfoFromPath(ancestry) as AnyDoc['_revs_info'];
}

function markStubs(doc: AnyDoc): void {
  const atts = doc._attachments as Record<string, Record<string, unknown>> | undefined;
  for (const name of Object.keys(atts ?? {}))
    (atts as Record<string, { stub?: boolean }>)[name]!.stub = true;
}

async function inlineAttachments(
  host: PouchHost & Reader,
  { doc, metadata, ctx }: PouchGetResult,
  opts: GetOptions,
): Promise<void> {
  const atts = doc._attachments as unknown as Record<string, Record<string, unknown>>;
  await Promise.all(
    Object.keys(atts).map(async (name) => {
      const att = atts[name]!;
      const data = await viaCallback((cb) =>
        host._getAttachment(
          doc._id as string,
          name,
          att,
          { binary: opts.binary, metadata, ctx },
          cb,
        ),
      );
      att.data = ownCopy(data);
      delete att.stub;
      delete att.length;
    }),
  );
}

/** `open_revs`: each requested (or every) leaf read on its own; unreadable ones are `missing`. */
async function openRevs(
  host: PouchHost & Reader,
  id: string,
  opts: GetOptions,
): Promise<OpenRevsResult[]> {
  let leaves: string[];
  if (opts.open_revs === 'all') {
    const tree = await viaCallback<RevTree>((cb) => host._getRevisionTree(id, cb));
    leaves = collectLeaves(tree).map((leaf) => leaf.rev);
  } else if (Array.isArray(opts.open_revs)) {
    if (!opts.open_revs.every(isValidRev)) throw createError(Errors.INVALID_REV);
    leaves = opts.open_revs;
  } else {
    throw createError(Errors.UNKNOWN_ERROR, 'function_clause');
  }
  const shape: GetOptions = {
    revs: opts.revs,
    latest: opts.latest,
    attachments: opts.attachments,
    binary: opts.binary,
  };
  const reads = await Promise.all(
    leaves.map((rev) =>
      getDocument(host, id, { ...shape, rev }).then(
        (doc) => doc as AnyDoc,
        () => undefined,
      ),
    ),
  );
  const results: OpenRevsResult[] = [];
  const seen = new Set<string>();
  reads.forEach((doc, i) => {
    if (!doc) results.push({ missing: leaves[i] as string });
    else if (!seen.has(doc._rev as string)) {
      // `latest` can map several requested revisions onto one leaf.
      seen.add(doc._rev as string);
      results.push({ ok: doc } as OpenRevsResult);
    }
  });
  return results;
}
