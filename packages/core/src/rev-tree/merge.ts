import { clonePath } from './clone-node.js';
import { cloneTree } from './clone-tree.js';
import { graftPath } from './graft.js';
import { stemOwned } from './stem-owned.js';
import type { MergeResult, RevTree, RevTreePath } from './types.js';

/**
 * PouchDB's `merge`: adds `path` (a single-branch tree from a write, or a `_revisions` chain
 * from replication) to `tree`, then stems every root-to-leaf path to its last `revsLimit`
 * revisions. Results equal pouchdb-merge's on any input, stemmed and disjoint trees included.
 *
 * `conflicts` tells the writer what happened: `new_leaf` (a leaf was extended or the tree was
 * empty), `new_branch` (a sibling was added), or `internal_node` (nothing new, or the path
 * became a new disjoint root; PouchDB reports that case this way too).
 *
 * Never mutates `tree` or `path` (pouchdb-merge does, to both); the result is freshly built and
 * shares no node or opts object with them. Iterative; O(size of tree + path) in the usual case.
 *
 * @param revsLimit a positive integer, or `Infinity` for no stemming
 * @throws RangeError when `revsLimit` is not a positive integer or `Infinity`
 */
export function merge(tree: RevTree, path: RevTreePath, revsLimit: number): MergeResult {
  // The merge below works in place on private copies, like PouchDB on a freshly parsed tree.
  const grafted = graftPath(cloneTree(tree), clonePath(path));
  const stemmed = stemOwned(grafted.tree, revsLimit);
  return { tree: stemmed.tree, stemmedRevs: stemmed.revs, conflicts: grafted.conflicts };
}
