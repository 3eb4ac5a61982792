import type { RevTree } from './types.js';
import { visitNodes } from './visit-nodes.js';

/**
 * Whether `rev` is in the tree (as an available or missing node). Read-only.
 *
 * Parses `rev` as PouchDB does, leniently: the generation is `parseInt` of the text before the
 * first dash and the hash is the text between the first and second dash, so `01-a` and
 * `1-a-b` both find node `1-a`.
 */
export function revExists(tree: RevTree, rev: string): boolean {
  const parts = rev.split('-');
  const pos = Number.parseInt(parts[0]!, 10);
  const hash = parts[1];
  return visitNodes(tree, (node, nodePos) => nodePos === pos && node[0] === hash);
}
