import type { RevLeaf, RevTree } from './types.js';
import { visitNodes } from './visit-nodes.js';

/**
 * Every leaf, highest generation first, as PouchDB lists them (for `open_revs: 'all'` and the
 * `all_docs` changes style). Leaves of equal generation come in reverse walk order, because
 * PouchDB sorts ascending (stably) and then reverses. Read-only; `opts` are the tree's own.
 */
export function collectLeaves(tree: RevTree): RevLeaf[] {
  const found: { rev: string; pos: number; opts: RevLeaf['opts'] }[] = [];
  visitNodes(tree, (node, pos) => {
    if (node[2].length === 0) found.push({ rev: `${pos}-${node[0]}`, pos, opts: node[1] });
    return false;
  });
  found.sort((a, b) => a.pos - b.pos).reverse();
  return found.map(({ rev, opts }) => ({ rev, opts }));
}
