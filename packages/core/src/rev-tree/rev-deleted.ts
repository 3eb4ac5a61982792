import type { RevTree } from './types.js';
import { visitNodes } from './visit-nodes.js';

// Internal to core (the barrels do not re-export this file): `isDeleted` for a revision named
// by the caller, apart from the finding of the winner (`winning-rev.ts`), which reads of a
// given revision never need.

/**
 * Whether revision `rev` of `tree` is a deletion. Like PouchDB it looks the revision up by hash
 * alone, ignoring the generation, and takes the first node in PouchDB's walk order with that
 * hash; an unknown hash answers `false`.
 */
export function isRevDeleted(tree: RevTree, rev: string): boolean {
  const hash = rev.slice(rev.indexOf('-') + 1);
  let deleted = false;
  visitNodes(tree, (node) => {
    if (node[0] !== hash) return false;
    deleted = Boolean(node[1].deleted);
    return true;
  });
  return deleted;
}
