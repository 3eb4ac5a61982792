import { clonePath } from './clone-node.js';
import type { RevTree } from './types.js';

/**
 * A deep copy of a whole tree, opts objects included, as a JSON round trip would give (shared
 * nodes become separate copies). Iterative, so any depth is safe.
 */
export function cloneTree(tree: RevTree): RevTree {
  return tree.map(clonePath);
}
