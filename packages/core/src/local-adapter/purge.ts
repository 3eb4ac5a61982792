import type { PurgeResponse } from '../adapter/adapter.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { addPurge, type PurgeLog } from '../purge-log.js';
import { isDeleted } from '../rev-tree/is-deleted.js';
import { findPathToLeaf, removeLeafFromTree } from '../rev-tree/purge.js';
import { winningRev } from '../rev-tree/winning-rev.js';
import type { AnyDoc } from '../types/documents.js';
import { commitWrite } from './commit-plan.js';
import { putLocalInPlan } from './local-docs.js';
import type { AdapterState } from './state.js';
import type { WritePlan } from './write-plan.js';

/**
 * Removes a leaf revision and the ancestors only it used, as if they were never written. A
 * document left without revisions disappears; otherwise its new winner gets a new seq. With
 * `logLimit`, the purge is recorded in `_local/purges` in the same commit.
 */
export async function purge(
  state: AdapterState,
  docId: string,
  rev: string,
  logLimit?: number,
): Promise<PurgeResponse> {
  const { result } = await commitWrite(state, async (plan) => {
    const res = await purgeInPlan(state, plan, docId, rev);
    if (logLimit === undefined) return res;
    await logInPlan(state, plan, docId, rev, logLimit);
    return { ...res, logged: true };
  });
  return result;
}

/** Records the purge in `_local/purges` as part of `plan`. */
async function logInPlan(
  state: AdapterState,
  plan: WritePlan,
  docId: string,
  rev: string,
  limit: number,
): Promise<void> {
  const stored = await state.engine.getLocal(PURGE_LOG_ID);
  const log: AnyDoc & PurgeLog = { ...(stored?.body ?? {}), _id: PURGE_LOG_ID };
  if (stored) log._rev = stored.rev;
  else delete log._rev;
  addPurge(log, docId, rev, limit);
  await putLocalInPlan(state, plan, log);
}

const PURGE_LOG_ID = '_local/purges';

/** The purge itself, as part of `plan`. */
async function purgeInPlan(
  state: AdapterState,
  plan: WritePlan,
  docId: string,
  rev: string,
): Promise<PurgeResponse> {
  const [record] = await state.engine.getDocs([docId]);
  if (!record) throw createError(Errors.MISSING_DOC);
  const path = findPathToLeaf(record.rev_tree, rev);
  // Leaf first: each removal turns the next revision of the path into a leaf.
  const tree = path.reduce((t, r) => removeLeafFromTree(t, r), record.rev_tree);
  plan.deleteRevs(docId, path, record.attachments === true);
  const wasLive = !record.deleted;
  if (tree.length === 0) {
    plan.deleteRecord(docId, record.seq);
    if (wasLive) plan.meta.docCount -= 1;
    return { ok: true as const, deletedRevs: path, documentWasRemovedCompletely: true };
  }
  const winner = winningRev({ rev_tree: tree });
  const deleted = isDeleted({ rev_tree: tree }, winner);
  plan.putRecord(
    { ...record, rev_tree: tree, winningRev: winner, deleted, seq: plan.nextSeq() },
    record.seq,
  );
  if (wasLive !== !deleted) plan.meta.docCount += deleted ? -1 : 1;
  return { ok: true as const, deletedRevs: path, documentWasRemovedCompletely: false };
}
