import type { RevTree, RevTreeNode } from './types.js';

/** Hooks of {@link walkLeafPaths}. */
export interface LeafPathVisitor {
  /** `node` has just become `stack[index]`. */
  enter?(node: RevTreeNode, index: number, rootPos: number): void;
  /** The stack holds a whole root-to-leaf path (do not keep or modify it). */
  leaf(stack: readonly RevTreeNode[], rootPos: number): void;
  /** The stack has just shrunk to `length`. */
  leave?(length: number): void;
}

/**
 * Walks the tree depth-first keeping the current root-to-node path on an explicit stack, and
 * reports leaves left to right (roots in array order, children in array order). That is the
 * order of PouchDB's `rootToLeaf`, which stemming and `_revisions` lookups follow. The path is
 * shared rather than copied per node, so a walk costs O(nodes), not O(nodes x depth).
 */
export function walkLeafPaths(tree: RevTree, visitor: LeafPathVisitor): void {
  const stack: RevTreeNode[] = [];
  const nextChild: number[] = [];
  const enter = (node: RevTreeNode, rootPos: number): void => {
    stack.push(node);
    nextChild.push(0);
    visitor.enter?.(node, stack.length - 1, rootPos);
    if (node[2].length === 0) visitor.leaf(stack, rootPos);
  };
  for (const root of tree) {
    enter(root.ids, root.pos);
    while (stack.length > 0) {
      const top = stack.length - 1;
      const children = stack[top]![2];
      const i = nextChild[top]!;
      if (i < children.length) {
        nextChild[top] = i + 1;
        enter(children[i]!, root.pos);
      } else {
        stack.pop();
        nextChild.pop();
        visitor.leave?.(stack.length);
      }
    }
  }
}
