import { cloneTree } from './clone-tree.js';
import { stemOwned } from './stem-owned.js';
import type { RevTree, StemResult } from './types.js';

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
