import { traverseRevTree } from './traverse.js';
import type { RevTree, RevTreeMetadata } from './types.js';
import { visitNodes } from './visit-nodes.js';

/**
 * PouchDB's `compactTree` (auto-compaction): marks every available non-leaf revision
 * `missing` and returns those revisions, whose bodies can then be deleted.
 *
 * MUTATES `metadata.rev_tree` in place (the opts of the revisions returned), as PouchDB does;
 * clone first to keep the original. The list is in PouchDB's walk order.
 */
export function compactTree(metadata: RevTreeMetadata): string[] {
  const revs: string[] = [];
  visitNodes(metadata.rev_tree, (node, pos) => {
    const opts = node[1];
    if (opts.status === 'available' && node[2].length > 0) {
      revs.push(`${pos}-${node[0]}`);
      opts.status = 'missing';
    }
    return false;
  });
  return revs;
}

/**
 * The revisions PouchDB's `compactDocument(id, maxHeight)` would delete: available ones more
 * than `maxHeight` generations above their nearest leaf (`db.compact()` uses 0, i.e. every
 * available non-leaf). Heights are keyed by rev string as in PouchDB, so a revision present
 * twice gets the smaller height. Read-only: the caller marks the revisions missing itself.
 */
export function compactableRevs(tree: RevTree, maxHeight: number): string[] {
  const height = computeHeights(tree);
  const revs: string[] = [];
  visitNodes(tree, (node, pos) => {
    const rev = `${pos}-${node[0]}`;
    if (node[1].status === 'available' && (height.get(rev) ?? Number.NaN) > maxHeight) {
      revs.push(rev);
    }
    return false;
  });
  return revs;
}

/** Each revision's distance to its closest leaf (PouchDB's `computeHeight`). */
function computeHeights(tree: RevTree): Map<string, number> {
  const height = new Map<string, number>();
  const edges: [parent: string, child: string][] = [];
  traverseRevTree<string>(tree, (isLeaf, pos, hash, parent) => {
    const rev = `${pos}-${hash}`;
    if (isLeaf) height.set(rev, 0);
    if (parent !== undefined) edges.push([parent, rev]);
    return rev;
  });
  // Children are reached after their parents, so walking the edges backwards settles each
  // child before its parent needs it.
  for (let i = edges.length - 1; i >= 0; i--) {
    const [parent, child] = edges[i]!;
    const viaChild = 1 + (height.get(child) ?? Number.NaN);
    const known = height.get(parent);
    height.set(parent, known === undefined ? viaChild : Math.min(known, viaChild));
  }
  return height;
}
