import { walkLeafPaths } from './path-walk.js';
import { StemBuilder } from './stem-builder.js';
import type { RevTree, RevTreeNode, StemResult } from './types.js';
import { visitNodes } from './visit-nodes.js';

// Internal to core (the barrels do not re-export this file).

/**
 * `stem` (stem.ts) for a tree the caller owns: its opts objects are reused in the result and may
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
