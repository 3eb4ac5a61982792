import { isRevDeleted } from './rev-deleted.js';
import type { RevTreeMetadata } from './types.js';
import { winningRev } from './winning-rev.js';

/**
 * Whether revision `rev` (default: the winning revision) is a deletion. Read-only.
 *
 * Like PouchDB it looks the revision up by hash alone, ignoring the generation, and takes the
 * first node in PouchDB's walk order with that hash. Unlike PouchDB, which answers `undefined`
 * for an unknown hash, this answers `false` (both are falsy).
 */
export function isDeleted(metadata: RevTreeMetadata, rev?: string): boolean {
  return isRevDeleted(metadata.rev_tree, rev || winningRev(metadata));
}
