import { revMatcher } from './rev-matcher.js';
import type { RevTreeMetadata, RevTreeNode } from './types.js';

/**
 * The leaf that `rev` leads to, for `get(id, {rev, latest: true})`: the first leaf, in
 * PouchDB's walk order, with `rev` on its root-to-leaf path (`rev` itself when it is a leaf).
 * Read-only; O(nodes) where PouchDB copies the path at every node.
 *
 * @throws Error when `rev` is not in the tree, with PouchDB's message
 */
export function latest(rev: string, metadata: RevTreeMetadata): string {
  const isRev = revMatcher(rev);
  const nodes: RevTreeNode[] = [];
  const positions: number[] = [];
  // Whether `rev` is the node itself or one of its ancestors.
  const below: boolean[] = [];
  for (const root of metadata.rev_tree) {
    nodes.push(root.ids);
    positions.push(root.pos);
    below.push(false);
  }
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const pos = positions.pop()!;
    const seen = below.pop()! || isRev(pos, node[0]);
    const children = node[2];
    if (children.length === 0 && seen) return `${pos}-${node[0]}`;
    for (const child of children) {
      nodes.push(child);
      positions.push(pos + 1);
      below.push(seen);
    }
  }
  throw new Error(`Unable to resolve latest revision for id ${metadata.id}, rev ${rev}`);
}
