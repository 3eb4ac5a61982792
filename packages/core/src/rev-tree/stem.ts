import { cloneTree } from './clone-tree.js';
import { walkLeafPaths } from './path-walk.js';
import { StemBuilder } from './stem-builder.js';
import { visitNodes } from './traverse.js';
import type { RevTree, RevTreeNode, StemResult } from './types.js';

/**
 * PouchDB's `stem`: keeps only the last `depth` revisions of every root-to-leaf path and
 * rebuilds the tree from those windows, so old history is forgotten (`revs_limit`). Windows
 * that no longer meet become separate roots, and one revision can end up under two roots, as
 * in PouchDB. Also normalises: siblings sorted by hash, roots by generation.
 *
 * `revs` lists, in PouchDB's order, the revisions that are nowhere in the result.
 *
 * Never mutates `tree`; the result is freshly built. O(nodes + leaves x depth) at worst, and
 * O(nodes) when the kept windows all start at the roots.
 *
 * @param depth a positive integer, or `Infinity` for no stemming
 * @throws RangeError when `depth` is not a positive integer or `Infinity`
 */
export function stem(tree: RevTree, depth: number): StemResult {
  return stemOwned(cloneTree(tree), depth);
}

/**
 * {@link stem} for a tree the caller owns: its opts objects are reused in the result and may
 * have their status updated (only when one revision occurs twice with different statuses).
 */
export function stemOwned(tree: RevTree, depth: number): StemResult {
  checkDepth(depth);
  const builder = new StemBuilder();
  const stemmed = new Set<string>();
  // Leading stack entries whose revs are already in `stemmed`: shared history is added once.
  let stemmedKnown = 0;
  walkLeafPaths(tree, {
    leaf(stack, rootPos) {
      const start = stack.length > depth ? stack.length - depth : 0;
      for (let i = stemmedKnown; i < start; i++) stemmed.add(`${rootPos + i}-${stack[i]![0]}`);
      stemmedKnown = Math.max(stemmedKnown, start);
      builder.addWindow(stack, start, rootPos);
    },
    leave(length) {
      stemmedKnown = Math.min(stemmedKnown, length);
      builder.truncate(length);
    },
  });
  const result = builder.finish();
  return { tree: result, revs: stemmed.size > 0 ? absentRevs(stemmed, result) : [] };
}

function checkDepth(depth: number): void {
  if (depth === Number.POSITIVE_INFINITY) return;
  if (!Number.isInteger(depth) || depth < 1) {
    throw new RangeError(`revs limit must be a positive integer or Infinity, got ${depth}`);
  }
}

/** The revs of `candidates` that are nowhere in `tree` (a rev cut from one path may survive on another). */
function absentRevs(candidates: Set<string>, tree: RevTree): string[] {
  visitNodes(tree, (node: RevTreeNode, pos: number) => {
    candidates.delete(`${pos}-${node[0]}`);
    return candidates.size === 0;
  });
  return [...candidates];
}
