/**
 * Revision trees: PouchDB's data shape and algorithms (merge, stemming, winner, conflicts,
 * ancestry, compaction, purge, revs_diff), pure and iterative, agreeing with PouchDB 9.
 */
export { findRevAncestry, revisionsFromPath, revsInfoFromPath, rootToLeaf } from './ancestry.js';
export { cloneTree } from './clone-tree.js';
export { compactableRevs, compactTree } from './compaction.js';
export { collectConflicts, collectDeletedConflicts } from './conflicts.js';
export { makeRevTreeFromRevisions } from './from-revisions.js';
export { isDeleted } from './is-deleted.js';
export { latest } from './latest.js';
export { collectLeaves } from './leaves.js';
export { isLocalId } from './local-id.js';
export { merge } from './merge.js';
export { findPathToLeaf, removeLeafFromTree } from './purge.js';
export { revExists } from './rev-exists.js';
export {
  formatRev,
  isRevString,
  /** PouchDB's name for {@link isRevString}. */
  isRevString as isValidRev,
  type ParsedRev,
  parseRevString,
} from './rev-string.js';
export { missingRevs, possibleAncestors } from './revs-diff.js';
export { stem } from './stem.js';
export { type RevTreeVisitor, traverseRevTree } from './traverse.js';
export type {
  MergeConflicts,
  MergeResult,
  RevAncestry,
  RevHistory,
  RevLeaf,
  RevNodeOpts,
  RevPathNode,
  RevRootToLeafPath,
  RevStatus,
  RevStatusEntry,
  RevTree,
  RevTreeMetadata,
  RevTreeNode,
  RevTreePath,
  StemResult,
} from './types.js';
export { winningRev } from './winning-rev.js';
