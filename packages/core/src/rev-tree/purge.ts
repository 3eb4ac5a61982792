import { cloneNode } from './clone-node.js';
import { revMatcher } from './rev-matcher.js';
import type { RevTree, RevTreeNode, RevTreePath } from './types.js';

/**
 * For `purge`: the revisions from leaf `leafRev` up to, but excluding, its nearest ancestor
 * with more than one child (or up to its root), leaf first. These are the revisions only this
 * leaf's branch holds. The first node in PouchDB's walk order with that rev is the one used.
 * Read-only.
 *
 * @throws Error `The requested revision is not a leaf` / `The requested revision does not
 *   exist`, PouchDB's messages
 */
export function findPathToLeaf(tree: RevTree, leafRev: string): string[] {
  const found = findNode(tree, revMatcher(leafRev));
  if (found === undefined) throw new Error('The requested revision does not exist');
  if (found.node[2].length > 0) throw new Error('The requested revision is not a leaf');
  const revs: string[] = [];
  for (let at: Found | undefined = found; at !== undefined; at = at.parent) {
    revs.push(`${at.pos}-${at.node[0]}`);
    if (at.parent !== undefined && at.parent.node[2].length > 1) break;
  }
  return revs;
}

/**
 * For `purge`: a copy of the tree without leaf `leafRev`. In each root, the first leaf with
 * that rev (PouchDB's walk order) is cut, along with any sibling sharing its hash; a root that
 * is that leaf is dropped. Nothing else changes, so a parent may become a leaf whose body is
 * missing, as in PouchDB. Never mutates `tree`; the result is a deep copy.
 */
export function removeLeafFromTree(tree: RevTree, leafRev: string): RevTree {
  const isTarget = revMatcher(leafRev);
  const kept: RevTree = [];
  for (const root of tree) {
    const copy: RevTreePath = { pos: root.pos, ids: cloneNode(root.ids) };
    const found = findNode([copy], isTarget, true);
    if (found === undefined) {
      kept.push(copy);
    } else if (found.parent !== undefined) {
      removeChild(found.parent.node, found.node[0]);
      kept.push(copy);
    }
    // Otherwise the root itself was the leaf: the whole root goes.
  }
  return kept;
}

/** A node reached by a walk, with the chain of nodes above it. */
interface Found {
  node: RevTreeNode;
  pos: number;
  parent: Found | undefined;
}

/** The first node (PouchDB's walk order) matching, optionally only among leaves. */
function findNode(
  tree: RevTree,
  matches: (pos: number, id: string) => boolean,
  leavesOnly = false,
): Found | undefined {
  const pending: Found[] = tree.map((root) => ({
    node: root.ids,
    pos: root.pos,
    parent: undefined,
  }));
  while (pending.length > 0) {
    const at = pending.pop()!;
    const children = at.node[2];
    if ((!leavesOnly || children.length === 0) && matches(at.pos, at.node[0])) return at;
    for (const child of children) pending.push({ node: child, pos: at.pos + 1, parent: at });
  }
  return undefined;
}

function removeChild(parent: RevTreeNode, hash: string): void {
  parent[2] = parent[2].filter((child) => child[0] !== hash);
}
