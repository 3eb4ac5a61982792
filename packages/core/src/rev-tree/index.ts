/**
 * Revision trees: PouchDB's data shape and algorithms (merge, stemming, winner, conflicts,
 * ancestry, compaction, purge, revs_diff), pure and iterative, agreeing with PouchDB 9.
 */

// Whole-file re-exports only (`export *`), never `export { x } from`: esbuild keeps a barrel
// with a used named re-export as a module of its own and follows all its imports from every
// chunk that reaches it, so a chunk loaded on first use that needs one helper would share the
// whole of core with the page in extra chunks (see presets/browser/test/size.test.ts).
export * from './ancestry.js';
export * from './clone-tree.js';
export * from './compaction.js';
export * from './conflicts.js';
export * from './from-revisions.js';
export * from './is-deleted.js';
export * from './latest.js';
export * from './leaves.js';
export * from './local-id.js';
export * from './merge.js';
export * from './purge.js';
export * from './rev-exists.js';
export * from './rev-string.js';
export * from './revs-diff.js';
export * from './stem.js';
export * from './traverse.js';
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
export * from './winning-rev.js';
