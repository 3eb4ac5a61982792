import { mergeStatus } from './merge-status.js';
import type { RevTreeNode } from './types.js';

/** What merging one subtree into another added: a leaf extension, a new branch, or nothing. */
export type SubtreeGrowth = 'new_leaf' | 'new_branch' | false;

/**
 * Merges the subtree `from` into `into` (both rooted at the same revision), IN PLACE: `into`
 * gains `from`'s missing descendants, attached by reference, not copied. This is PouchDB's
 * `mergeTree`, step for step, because its order decides the reported growth and, on
 * unusual trees, where children land:
 * - pairs are processed last-in first-out;
 * - a child is attached as the only child when `into` has none (`new_leaf`), merged into
 *   every same-hash child, or otherwise inserted by binary search on the hash (`new_branch`);
 * - the last attachment made decides the answer.
 */
export function mergeNodes(into: RevTreeNode, from: RevTreeNode): SubtreeGrowth {
  const pending: RevTreeNode[] = [into, from];
  let growth: SubtreeGrowth = false;
  while (pending.length > 0) {
    const source = pending.pop()!;
    const target = pending.pop()!;
    mergeStatus(target[1], source[1]);
    const targetKids = target[2];
    const sourceKids = source[2];
    // Lengths are re-read on purpose: attachments made here are seen by later iterations.
    for (let i = 0; i < sourceKids.length; i++) {
      const kid = sourceKids[i]!;
      if (targetKids.length === 0) {
        growth = 'new_leaf';
        targetKids[0] = kid;
        continue;
      }
      if (!queueSameHash(targetKids, kid, pending)) {
        growth = 'new_branch';
        insertSorted(targetKids, kid);
      }
    }
  }
  return growth;
}

/** Queues `kid` for merging with each same-hash node in `kids`; whether there was one. */
function queueSameHash(kids: RevTreeNode[], kid: RevTreeNode, pending: RevTreeNode[]): boolean {
  let matched = false;
  for (let j = 0; j < kids.length; j++) {
    if (kids[j]![0] === kid[0]) {
      pending.push(kids[j]!, kid);
      matched = true;
    }
  }
  return matched;
}

/**
 * Inserts `node` before the first sibling whose hash is not smaller, found by binary search.
 * Siblings are kept sorted by hash this way; on an unsorted array the position is still the one
 * PouchDB's search would pick.
 */
export function insertSorted(kids: RevTreeNode[], node: RevTreeNode): void {
  kids.splice(lowerBound(kids, node[0]), 0, node);
}

/** Binary search: index of the first sibling whose hash is not smaller than `hash`. */
export function lowerBound(kids: readonly RevTreeNode[], hash: string): number {
  let low = 0;
  let high = kids.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (kids[mid]![0] < hash) low = mid + 1;
    else high = mid;
  }
  return low;
}
