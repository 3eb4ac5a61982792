import { mergeNodes, type SubtreeGrowth } from './merge-nodes.js';
import type { MergeConflicts, RevTree, RevTreeNode, RevTreePath } from './types.js';

// Internal to core (the barrels do not re-export this file): the merge step before stemming.

/** Result of {@link graftPath}: the roots (not yet stemmed) and what the graft did. */
export interface GraftResult {
  tree: RevTree;
  conflicts: MergeConflicts;
}

/**
 * The merge step before stemming (PouchDB's `doMerge`), IN PLACE on `tree` and `path`. The
 * path is merged into every root it meets: one starting at the same revision, or one that
 * holds the later root's first revision at the matching depth. A path meeting no root is
 * added as a new root. Roots end sorted by `pos`, stably.
 */
export function graftPath(tree: RevTree, path: RevTreePath): GraftResult {
  if (tree.length === 0) return { tree: [path], conflicts: 'new_leaf' };
  const roots: RevTree = [];
  let growth: SubtreeGrowth = false;
  let met = false;
  for (const root of tree) {
    const joined = joinRoots(root, path);
    if (joined === undefined) {
      roots.push(root);
      continue;
    }
    roots.push(joined.root);
    growth = growth || joined.growth;
    met = true;
  }
  if (!met) roots.push(path);
  roots.sort((a, b) => a.pos - b.pos);
  return { tree: roots, conflicts: growth || 'internal_node' };
}

/**
 * Merges `path` into `root` if they meet, returning the root that now holds both (the earlier
 * of the two). The later one is merged into the earlier one's node at its generation; among
 * several candidates the first in PouchDB's walk order is used.
 */
function joinRoots(
  root: RevTreePath,
  path: RevTreePath,
): { root: RevTreePath; growth: SubtreeGrowth } | undefined {
  if (root.pos === path.pos && root.ids[0] === path.ids[0]) {
    return { root, growth: mergeNodes(root.ids, path.ids) };
  }
  const [early, late] = root.pos < path.pos ? [root, path] : [path, root];
  const meeting = findAtDepth(early.ids, late.pos - early.pos, late.ids[0]);
  if (meeting === undefined) return undefined;
  return { root: early, growth: mergeNodes(meeting, late.ids) };
}

/**
 * The first node (PouchDB's walk order) exactly `depth` generations below `top` whose hash is
 * `hash`. Depth 0 never matches: same-generation roots only meet when their hashes are equal,
 * which the caller has already handled.
 */
function findAtDepth(top: RevTreeNode, depth: number, hash: string): RevTreeNode | undefined {
  if (depth <= 0) return undefined;
  const nodes: RevTreeNode[] = [top];
  const left: number[] = [depth];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const remaining = left.pop()!;
    if (remaining === 0) {
      if (node[0] === hash) return node;
      continue;
    }
    for (const child of node[2]) {
      nodes.push(child);
      left.push(remaining - 1);
    }
  }
  return undefined;
}
