import type { RevNodeOpts, RevTree, RevTreeNode } from './types.js';

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

/** Callback of {@link traverseRevTree}; its return value becomes the children's `ctx`. */
export type RevTreeVisitor<C> = (
  isLeaf: boolean,
  pos: number,
  hash: string,
  ctx: C | undefined,
  opts: RevNodeOpts,
) => C;

/**
 * PouchDB's `traverseRevTree`: calls `visit` on every node in PouchDB's order (see
 * {@link visitNodes}), handing each node the value its parent's call returned. Iterative, so
 * any depth is safe. Does not mutate the tree (unless `visit` does).
 */
export function traverseRevTree<C>(tree: RevTree, visit: RevTreeVisitor<C>): void {
  const nodes: RevTreeNode[] = [];
  const positions: number[] = [];
  const contexts: (C | undefined)[] = [];
  for (const root of tree) {
    nodes.push(root.ids);
    positions.push(root.pos);
    contexts.push(undefined);
  }
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const pos = positions.pop()!;
    const ctx = contexts.pop();
    const children = node[2];
    const childCtx = visit(children.length === 0, pos, node[0], ctx, node[1]);
    for (let i = 0; i < children.length; i++) {
      nodes.push(children[i]!);
      positions.push(pos + 1);
      contexts.push(childCtx);
    }
  }
}
