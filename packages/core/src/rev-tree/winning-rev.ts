import type { RevTreeMetadata } from './types.js';
import { visitNodes } from './visit-nodes.js';

/**
 * The winning revision, CouchDB's deterministic pick among the leaves: a live leaf beats a
 * deleted one, then the higher generation wins, then the greater hash (string order).
 * Read-only.
 *
 * Matches PouchDB to the letter, quirks included: an empty tree yields `'undefined-undefined'`,
 * and a leaf with an empty hash never holds the lead (PouchDB tests the hash for truthiness), so
 * which leaf replaces it depends on the walk order, which is PouchDB's (see `visitNodes`).
 */
export function winningRev(metadata: RevTreeMetadata): string {
  let winId: string | undefined;
  let winPos: number | undefined;
  let winDeleted = false;
  visitNodes(metadata.rev_tree, (node, pos) => {
    if (node[2].length > 0) return false;
    const deleted = Boolean(node[1].deleted);
    const id = node[0];
    if (!winId || beats(deleted, pos, id, winDeleted, winPos!, winId)) {
      winId = id;
      winPos = pos;
      winDeleted = deleted;
    }
    return false;
  });
  return `${winPos}-${winId}`;
}

/** Whether leaf A ranks above the current leader B. */
function beats(aDel: boolean, aPos: number, aId: string, bDel: boolean, bPos: number, bId: string) {
  if (aDel !== bDel) return bDel;
  if (aPos !== bPos) return bPos < aPos;
  return bId < aId;
}
