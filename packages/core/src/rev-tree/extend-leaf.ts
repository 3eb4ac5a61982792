import { mergeStatus } from './merge-status.js';
import type { MergeResult, RevTree, RevTreeNode, RevTreePath } from './types.js';

/** {@link merge}'s result for an edit of the only leaf, with what the writer reads off it. */
export interface LeafExtension extends MergeResult {
  /** `winningRev` of the new tree: the new leaf. */
  winningRev: string;
  /** `isDeleted` of the new tree: whether the new leaf is a deletion. */
  deleted: boolean;
}

/**
 * The everyday edit, without the general merge: `path` is a parent revision with one new child
 * (what a `put` of the current `_rev` gives) and `tree` is one unbranched chain whose leaf is
 * that parent. The result equals `merge(tree, path, revsLimit)` (a `new_leaf`), with the
 * winner and its deletion flag, which here are the new leaf's; it is built with one walk down
 * the chain instead of merge's copies, graft, stemming walk, and winner and deletion walks.
 *
 * @param owned whether `tree` may be changed in place (a record the engine read afresh);
 *   otherwise its nodes are copied. `path` is never changed or shared with the result.
 * @returns `undefined` when the tree or the path has another shape: the caller merges.
 */
export function extendLeaf(
  tree: RevTree,
  path: RevTreePath,
  revsLimit: number,
  owned: boolean,
): LeafExtension | undefined {
  if (tree.length !== 1 || !validLimit(revsLimit)) return undefined;
  const [parentHash, parentOpts, kids] = path.ids;
  const added = kids[0];
  if (kids.length !== 1 || added === undefined || added[2].length !== 0) return undefined;
  const root = tree[0]!;
  // A generation that is not a positive integer would make `N-hash` parse differently.
  if (!Number.isInteger(root.pos) || root.pos < 1) return undefined;
  const chain: RevTreeNode[] = [];
  for (let node = root.ids; ; node = node[2][0]!) {
    // isDeleted looks the winner up by hash: a namesake earlier in the chain would answer.
    if (node[0] === added[0]) return undefined;
    chain.push(node);
    if (node[2].length !== 1) break;
  }
  const leaf = chain[chain.length - 1]!;
  if (leaf[2].length !== 0 || leaf[0] !== parentHash) return undefined;
  if (root.pos + chain.length - 1 !== path.pos) return undefined;
  if (!owned) copyChain(chain);
  const last = chain[chain.length - 1]!;
  mergeStatus(last[1], parentOpts);
  const newLeaf: RevTreeNode = [added[0], { ...added[1] }, []];
  last[2].push(newLeaf);
  chain.push(newLeaf);
  const cut = chain.length > revsLimit ? chain.length - revsLimit : 0;
  const stemmedRevs: string[] = new Array(cut);
  for (let i = 0; i < cut; i++) stemmedRevs[i] = `${root.pos + i}-${chain[i]![0]}`;
  const leafPos = root.pos + chain.length - 1;
  return {
    tree: [{ pos: root.pos + cut, ids: chain[cut]! }],
    stemmedRevs,
    conflicts: 'new_leaf',
    winningRev: `${leafPos}-${added[0]}`,
    deleted: Boolean(added[1].deleted),
  };
}

/** The revs limits `merge` accepts (it throws on others, so those take its path). */
function validLimit(limit: number): boolean {
  return limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit >= 1);
}

/** Replaces the nodes of `chain` (each the only child of the one before) with fresh copies. */
function copyChain(chain: RevTreeNode[]): void {
  let parent: RevTreeNode | undefined;
  for (let i = 0; i < chain.length; i++) {
    const source = chain[i]!;
    const copy: RevTreeNode = [source[0], { ...source[1] }, []];
    if (parent) parent[2].push(copy);
    chain[i] = copy;
    parent = copy;
  }
}
