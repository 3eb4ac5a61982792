import type { DocRecord } from '../engine/engine.js';
import type { LeafExtension } from '../rev-tree/extend-leaf.js';
import { isDeleted } from '../rev-tree/is-deleted.js';
import { merge } from '../rev-tree/merge.js';
import { revExists } from '../rev-tree/rev-exists.js';
import type { MergeResult, RevTreePath } from '../rev-tree/types.js';
import { winningRev } from '../rev-tree/winning-rev.js';
import type { WriteSettings } from './apply-doc.js';
import type { ParsedDoc } from './parse-doc.js';

/**
 * The general revision-tree merge of a write, for what the everyday paths of `apply-doc.ts`
 * (a first revision, an edit of the only leaf) do not cover: replicated histories, conflicts,
 * branches. Loaded on first use with the rest of `occasional-code.ts`.
 */

/** The tree of a new document whose first write brings a history of several revisions. */
export function mergeFirst(path: RevTreePath, revsLimit: number): LeafExtension {
  return withWinner(merge([], path, revsLimit));
}

/** The general merge into an existing document, or `undefined` when the edit is a conflict. */
export function mergeChecked(
  prev: DocRecord,
  parsed: ParsedDoc,
  settings: WriteSettings,
): LeafExtension | undefined {
  const merged = merge(prev.rev_tree, parsed.path, settings.revsLimit);
  // An edit that only recreates a revision the tree already has changes nothing: 409. (PouchDB
  // lets a revived deleted document do it and then crashes.)
  const recreated = settings.newEdits && revExists(prev.rev_tree, parsed.rev);
  if (
    recreated ||
    (settings.newEdits && isConflict(prev.deleted, parsed.deleted, merged.conflicts))
  ) {
    return undefined;
  }
  return withWinner(merged);
}

function isConflict(prevDeleted: boolean, deleted: boolean, kind: string): boolean {
  if (prevDeleted && deleted) return kind !== 'new_leaf';
  if (!prevDeleted) return kind !== 'new_leaf';
  return kind === 'new_branch';
}

/** A merge result with its winning revision and whether that one is a deletion. */
function withWinner(merged: MergeResult): LeafExtension {
  const winner = winningRev({ rev_tree: merged.tree });
  return { ...merged, winningRev: winner, deleted: isDeleted({ rev_tree: merged.tree }, winner) };
}
