import type { RevTree, RevTreeNode } from './types.js';

// Internal to core (the barrels do not re-export this file).

/**
 * Visits every node depth-first in PouchDB's order: the last root first and, under a node, the
 * last child first. That order decides ties and "first match" answers throughout PouchDB, so
 * every function that must agree with it walks this way. Stops early when `visit` returns true.
 *
 * @returns whether `visit` stopped the walk
 */
export function visitNodes(
  tree: RevTree,
  visit: (node: RevTreeNode, pos: number) => boolean | undefined,
): boolean {
  // Parallel stacks instead of {node, pos} records: no allocation per node.
  const nodes: RevTreeNode[] = [];
  const positions: number[] = [];
  for (const root of tree) {
    nodes.push(root.ids);
    positions.push(root.pos);
  }
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const pos = positions.pop()!;
    if (visit(node, pos) === true) return true;
    const children = node[2];
    for (let i = 0; i < children.length; i++) {
      nodes.push(children[i]!);
      positions.push(pos + 1);
    }
  }
  return false;
}
