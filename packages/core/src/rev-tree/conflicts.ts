import { collectLeaves } from './leaves.js';
import type { RevTreeMetadata } from './types.js';
import { winningRev } from './winning-rev.js';

/**
 * The `_conflicts` of a document: live leaves other than the winner, in
 * {@link collectLeaves} order. Read-only.
 */
export function collectConflicts(metadata: RevTreeMetadata): string[] {
  return leavesBesideWinner(metadata, false);
}

/**
 * The `_deleted_conflicts` of a document (CouchDB's option; PouchDB's local adapters ignore
 * it): deleted leaves other than the winner, in {@link collectLeaves} order. Read-only.
 */
export function collectDeletedConflicts(metadata: RevTreeMetadata): string[] {
  return leavesBesideWinner(metadata, true);
}

function leavesBesideWinner(metadata: RevTreeMetadata, deleted: boolean): string[] {
  const winner = winningRev(metadata);
  const revs: string[] = [];
  for (const leaf of collectLeaves(metadata.rev_tree)) {
    if (leaf.rev !== winner && Boolean(leaf.opts.deleted) === deleted) revs.push(leaf.rev);
  }
  return revs;
}
