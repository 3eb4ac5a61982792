import {
  type AnyDoc,
  compactableRevs,
  createError,
  Errors,
  findPathToLeaf,
  missingRevs,
  type PurgeResponse,
  type RevsDiffRequest,
  type RevsDiffResponse,
  type RevTree,
} from '@satchel/core';
import { readChanges } from './changes.js';
import { viaCallback } from './node-callback.js';
import type { PouchHost, PouchInternals } from './pouch-adapter.js';

type TreeReader = PouchHost & Pick<PouchInternals, '_getRevisionTree'>;

/** A document's revision tree, or `undefined` when the adapter says it is missing. */
async function revisionTree(host: TreeReader, id: string): Promise<RevTree | undefined> {
  try {
    return await viaCallback<RevTree>((cb) => host._getRevisionTree(id, cb));
  } catch (err) {
    if ((err as { status?: number }).status === 404) return undefined;
    throw err;
  }
}

/** PouchDB's `revsDiff`: per document, the asked revisions absent (or bodiless) here. */
export async function revsDiff(host: TreeReader, req: RevsDiffRequest): Promise<RevsDiffResponse> {
  const out: RevsDiffResponse = {};
  await Promise.all(
    Object.keys(req).map(async (id) => {
      const wanted = req[id] ?? [];
      const tree = await revisionTree(host, id);
      const missing = tree ? missingRevs(tree, wanted) : wanted;
      if (missing.length > 0) out[id] = { missing };
    }),
  );
  return out;
}

/** PouchDB's `purge` over `_purge`, which takes the path from the leaf to the root. */
export async function purge(
  host: TreeReader & Pick<PouchInternals, '_purge'>,
  adapterName: string,
  docId: string,
  rev: string,
): Promise<PurgeResponse> {
  const purgeFn = host._purge;
  if (typeof purgeFn !== 'function') {
    throw createError(
      Errors.UNKNOWN_ERROR,
      `Purge is not implemented in the ${adapterName} adapter.`,
    );
  }
  const tree = await revisionTree(host, docId);
  if (!tree) throw createError(Errors.MISSING_DOC);
  const path = findPathToLeaf(tree, rev);
  return viaCallback<PurgeResponse>((cb) => purgeFn.call(host, docId, path, cb));
}

type Compactor = TreeReader &
  Pick<PouchInternals, '_changes' | '_doCompaction' | '_compact' | '_getLocal' | '_putLocal'>;

/**
 * PouchDB's `compact`: the adapter's own `_compact` when it has one, else every document
 * changed since the last compaction loses its non-leaf bodies through `_doCompaction`, and
 * `_local/compaction` records how far it got.
 */
export async function compact(host: Compactor): Promise<void> {
  const since = await lastCompactedSeq(host);
  const own = host._compact;
  if (typeof own === 'function') {
    await viaCallback((cb) => own.call(host, { last_seq: since }, cb));
    return;
  }
  const doCompaction = host._doCompaction;
  if (typeof doCompaction !== 'function') return;
  const page = await readChanges(host, { since });
  for (const change of page.results) {
    const tree = await revisionTree(host, change.id);
    if (!tree) continue;
    const revs = compactableRevs(tree, 0);
    await viaCallback((cb) => doCompaction.call(host, change.id, revs, cb));
  }
  await recordCompaction(host, page.last_seq);
}

async function lastCompactedSeq(host: Compactor): Promise<number | string> {
  const doc = await localDoc(host, '_local/compaction');
  return (doc?.last_seq as number | string | undefined) ?? 0;
}

async function recordCompaction(host: Compactor, lastSeq: number | string): Promise<void> {
  const putLocal = host._putLocal;
  if (typeof putLocal !== 'function') return;
  const doc = (await localDoc(host, '_local/compaction')) ?? { _id: '_local/compaction' };
  if (doc.last_seq !== undefined && Number(doc.last_seq) >= Number(lastSeq)) return;
  doc.last_seq = lastSeq;
  await viaCallback((cb) => putLocal.call(host, doc, cb));
}

async function localDoc(host: Compactor, id: string): Promise<AnyDoc | undefined> {
  const getLocal = host._getLocal;
  if (typeof getLocal !== 'function') return undefined;
  try {
    return await viaCallback<AnyDoc>((cb) => getLocal.call(host, id, cb));
  } catch {
    return undefined;
  }
}
