/**
 * Revision trees in PouchDB's own shape, so stored metadata stays byte-compatible with
 * PouchDB's and a bridge to PouchDB adapters needs no conversion.
 */

/** Whether a revision's body is stored (`available`) or only its id is known (`missing`). */
export type RevStatus = 'available' | 'missing';

/** What a tree node records about its revision. */
export interface RevNodeOpts {
  /** Absent on nodes written by very old PouchDB versions; treated as not available. */
  status?: RevStatus;
  /** The revision is a deletion (tombstone). */
  deleted?: boolean;
}

/** One node: the revision's hash, its opts, and its child revisions. */
export type RevTreeNode = [hash: string, opts: RevNodeOpts, children: RevTreeNode[]];

/** One root of the forest: `ids` is the root node and `pos` its generation (`N` of `N-hash`). */
export interface RevTreePath {
  pos: number;
  ids: RevTreeNode;
}

/** A document's revision forest, roots ordered by `pos` (more than one root once stemmed). */
export type RevTree = RevTreePath[];

/** The part of a document's metadata the tree functions read. */
export interface RevTreeMetadata {
  /** Document id; only used in error messages. */
  id?: string;
  rev_tree: RevTree;
}

/** What a merge did: grew a branch, started a new one, or added nothing new. */
export type MergeConflicts = 'new_leaf' | 'new_branch' | 'internal_node';

/** Result of {@link merge}. */
export interface MergeResult {
  /** The merged and stemmed tree (freshly built; shares nothing with the inputs). */
  tree: RevTree;
  /** Revisions dropped by stemming; their bodies can be deleted. */
  stemmedRevs: string[];
  conflicts: MergeConflicts;
}

/** Result of {@link stem}. */
export interface StemResult {
  tree: RevTree;
  /** Revisions no longer anywhere in the tree. */
  revs: string[];
}

/** A leaf as listed by {@link collectLeaves}. */
export interface RevLeaf {
  rev: string;
  /** The tree's own opts object (not a copy). */
  opts: RevNodeOpts;
}

/** One revision on a root-to-leaf path. */
export interface RevPathNode {
  id: string;
  /** The tree's own opts object (not a copy). */
  opts: RevNodeOpts;
}

/** A root-to-leaf path: `ids[0]` is the root, at generation `pos`. */
export interface RevRootToLeafPath {
  pos: number;
  ids: RevPathNode[];
}

/** A revision and its stored ancestors, newest first: `ids[0]` is at generation `start`. */
export interface RevAncestry {
  start: number;
  ids: RevPathNode[];
}

/** The `_revisions` field: hashes newest first, the first one at generation `start`. */
export interface RevHistory {
  start: number;
  ids: string[];
}

/** One entry of the `_revs_info` field. */
export interface RevStatusEntry {
  rev: string;
  /** `undefined` when the node carries no status, as PouchDB reports it. */
  status: RevStatus | undefined;
}
