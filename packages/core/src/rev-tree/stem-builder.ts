import { lowerBound } from './merge-nodes.js';
import { mergeStatus } from './merge-status.js';
import type { RevTree, RevTreeNode } from './types.js';

/**
 * Rebuilds a tree from root-to-leaf windows (the last `depth` revisions of each path), the way
 * PouchDB's `stem` does by re-merging flat paths: windows starting at the same generation and
 * hash share a root, siblings are kept sorted by hash, roots end sorted by `pos` (stably, in
 * order of creation), and a revision kept by two windows with different starts appears under
 * both roots, as in PouchDB.
 *
 * Opts objects are taken from the source nodes, not copied, and a status seen twice for one
 * output node is combined into the first one's opts (PouchDB mutates the same way), so the
 * source must be owned by the caller.
 */
export class StemBuilder {
  private readonly roots: { pos: number; ids: RevTreeNode; order: number }[] = [];
  private readonly rootsByKey = new Map<string, RevTreeNode>();
  /**
   * Output nodes matching the source stack from index `mappedFrom` on, reused while that part
   * of the stack and the window start stay the same: leaves sharing a long history then cost
   * only their own tail instead of a full re-walk.
   */
  private readonly mapped: RevTreeNode[] = [];
  private mappedFrom = -1;

  /** Adds the window `stack[start..]` (a root-to-leaf path's tail) whose root is at `rootPos`. */
  addWindow(stack: readonly RevTreeNode[], start: number, rootPos: number): void {
    if (start !== this.mappedFrom) {
      this.mappedFrom = start;
      this.mapped.length = 0;
    }
    let index = start + this.mapped.length;
    let current = this.mapped[this.mapped.length - 1];
    if (current === undefined) {
      current = this.findRoot(stack[start]!, rootPos + start);
      if (current === undefined) {
        this.newRoot(stack, start, rootPos + start);
        return;
      }
      this.mapped.push(current);
      index++;
    }
    this.descend(current, stack, index);
  }

  /** The source stack shrank to `length`: forget output nodes mapped beyond it. */
  truncate(length: number): void {
    const valid = length - this.mappedFrom;
    if (this.mapped.length > valid) this.mapped.length = Math.max(0, valid);
  }

  /** The finished roots, sorted by `pos`, ties in creation order. */
  finish(): RevTree {
    this.roots.sort((a, b) => a.pos - b.pos || a.order - b.order);
    return this.roots.map(({ pos, ids }) => ({ pos, ids }));
  }

  private findRoot(source: RevTreeNode, pos: number): RevTreeNode | undefined {
    const root = this.rootsByKey.get(`${pos} ${source[0]}`);
    if (root !== undefined) mergeStatus(root[1], source[1]);
    return root;
  }

  private newRoot(stack: readonly RevTreeNode[], start: number, pos: number): void {
    const root = this.chain(stack, start);
    this.rootsByKey.set(`${pos} ${root[0]}`, root);
    this.roots.push({ pos, ids: root, order: this.roots.length });
  }

  /** Follows `stack[index..]` down from `current`, then attaches whatever is new. */
  private descend(current: RevTreeNode, stack: readonly RevTreeNode[], index: number): void {
    for (; index < stack.length; index++) {
      const source = stack[index]!;
      const kids = current[2];
      const at = lowerBound(kids, source[0]);
      const match = kids[at];
      if (match === undefined || match[0] !== source[0]) {
        kids.splice(at, 0, this.chain(stack, index));
        return;
      }
      mergeStatus(match[1], source[1]);
      this.mapped.push(match);
      current = match;
    }
  }

  /** Builds fresh nodes for `stack[from..]` as one branch, recording them as mapped. */
  private chain(stack: readonly RevTreeNode[], from: number): RevTreeNode {
    const top: RevTreeNode = [stack[from]![0], stack[from]![1], []];
    this.mapped.push(top);
    let tail = top;
    for (let i = from + 1; i < stack.length; i++) {
      const node: RevTreeNode = [stack[i]![0], stack[i]![1], []];
      tail[2].push(node);
      this.mapped.push(node);
      tail = node;
    }
    return top;
  }
}
