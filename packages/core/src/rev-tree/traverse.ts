import type { RevNodeOpts, RevTree, RevTreeNode } from './types.js';

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
 * `visitNodes`), handing each node the value its parent's call returned. Iterative, so
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
