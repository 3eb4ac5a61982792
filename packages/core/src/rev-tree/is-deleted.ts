import type { RevTreeMetadata } from './types.js';
import { visitNodes } from './visit-nodes.js';
import { winningRev } from './winning-rev.js';

/**
 * Whether revision `rev` (default: the winning revision) is a deletion. Read-only.
 *
 * Like PouchDB it looks the revision up by hash alone, ignoring the generation, and takes the
 * first node in PouchDB's walk order with that hash. Unlike PouchDB, which answers `undefined`
 * for an unknown hash, this answers `false` (both are falsy).
 */
export function isDeleted(metadata: RevTreeMetadata, rev?: string): boolean {
  const target = rev || winningRev(metadata);
  const hash = target.slice(target.indexOf('-') + 1);
  let deleted = false;
  visitNodes(metadata.rev_tree, (node) => {
    if (node[0] !== hash) return false;
    deleted = Boolean(node[1].deleted);
    return true;
  });
  return deleted;
}
