import type { PurgeResponse } from '../adapter/adapter.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { isDeleted } from '../rev-tree/is-deleted.js';
import { findPathToLeaf, removeLeafFromTree } from '../rev-tree/purge.js';
import { winningRev } from '../rev-tree/winning-rev.js';
import { commitWrite } from './commit-plan.js';
import type { AdapterState } from './state.js';

/**
 * Removes a leaf revision and the ancestors only it used, as if they were never written. A
 * document left without revisions disappears; otherwise its new winner gets a new seq.
 */
export async function purge(
  state: AdapterState,
  docId: string,
  rev: string,
): Promise<PurgeResponse> {
  const { result } = await commitWrite(state, async (plan) => {
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
  });
  return result;
}
