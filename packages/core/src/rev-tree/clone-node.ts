import type { RevTreeNode, RevTreePath } from './types.js';

// Internal to core (the barrels do not re-export this file): copies of part of a tree.

/**
 * A deep copy of one node and its subtree, opts objects included, as a JSON round trip would
 * give (shared nodes become separate copies). Iterative, so any depth is safe.
 */
export function cloneNode(root: RevTreeNode): RevTreeNode {
  const copy: RevTreeNode = [root[0], { ...root[1] }, []];
  // Pairs of (source, copy) still to fill, flattened to avoid a record per node.
  const pending: RevTreeNode[] = [root, copy];
  while (pending.length > 0) {
    const target = pending.pop()!;
    const source = pending.pop()!;
    for (const child of source[2]) {
      const childCopy: RevTreeNode = [child[0], { ...child[1] }, []];
      target[2].push(childCopy);
      pending.push(child, childCopy);
    }
  }
  return copy;
}

/** A deep copy of one root (see {@link cloneNode}). */
export function clonePath(path: RevTreePath): RevTreePath {
  return { pos: path.pos, ids: cloneNode(path.ids) };
}
