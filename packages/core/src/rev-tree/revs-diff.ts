import { collectLeaves } from './leaves.js';
import type { RevTree } from './types.js';
import { visitNodes } from './visit-nodes.js';

/**
 * The `missing` list `revsDiff` reports for one existing document, exactly as PouchDB's local
 * adapters compute it: first the requested revisions found in the tree without an available
 * body (walk order), then those not in the tree at all (request order). Each tree node
 * consumes one request entry, so a revision requested twice but stored once is reported
 * missing once. Read-only. (A document not in the database is missing every requested
 * revision, request order, duplicates kept; the caller handles that case.)
 */
export function missingRevs(tree: RevTree, revs: readonly string[]): string[] {
  const wanted = requestIndex(revs);
  const consumed = new Array<boolean>(revs.length).fill(false);
  const missing: string[] = [];
  visitNodes(tree, (node, pos) => {
    // Only build the rev string for hashes that were asked about.
    const byRev = wanted.get(node[0]);
    if (byRev === undefined) return false;
    const rev = `${pos}-${node[0]}`;
    const slots = byRev.get(rev);
    const slot = slots?.shift();
    if (slot === undefined) return false;
    consumed[slot] = true;
    if (node[1].status !== 'available') missing.push(rev);
    return false;
  });
  revs.forEach((rev, i) => {
    if (!consumed[i]) missing.push(rev);
  });
  return missing;
}

/** Request positions of each rev, grouped by the hash a matching node would carry. */
function requestIndex(revs: readonly string[]): Map<string, Map<string, number[]>> {
  const index = new Map<string, Map<string, number[]>>();
  revs.forEach((rev, i) => {
    const hash = rev.slice(rev.indexOf('-') + 1);
    let byRev = index.get(hash);
    if (byRev === undefined) {
      byRev = new Map();
      index.set(hash, byRev);
    }
    const slots = byRev.get(rev);
    if (slots === undefined) byRev.set(rev, [i]);
    else slots.push(i);
  });
  return index;
}

/**
 * CouchDB's `possible_ancestors` for a document's `missing` revisions: the leaves whose
 * generation is below the highest missing one, in the order CouchDB lists them (the reverse
 * of its leaf ranking: deleted before live, then lower generation, then smaller hash first).
 * PouchDB's local adapters never report this field, so a PouchDB drop-in must not either;
 * this is for answering as a CouchDB-compatible server would. Read-only.
 */
export function possibleAncestors(tree: RevTree, missing: readonly string[]): string[] {
  let highest = Number.NEGATIVE_INFINITY;
  for (const rev of missing) highest = Math.max(highest, Number.parseInt(rev, 10));
  const ranked = collectLeaves(tree)
    .map((leaf) => ({
      rev: leaf.rev,
      pos: Number.parseInt(leaf.rev, 10),
      live: !leaf.opts.deleted,
    }))
    .filter((leaf) => leaf.pos < highest);
  ranked.sort((a, b) => compareRank(a, b));
  return ranked.map((leaf) => leaf.rev);
}

/** Ascending CouchDB rank: deleted before live, then generation, then hash. */
function compareRank(
  a: { rev: string; pos: number; live: boolean },
  b: { rev: string; pos: number; live: boolean },
): number {
  if (a.live !== b.live) return a.live ? 1 : -1;
  if (a.pos !== b.pos) return a.pos - b.pos;
  const ha = a.rev.slice(a.rev.indexOf('-') + 1);
  const hb = b.rev.slice(b.rev.indexOf('-') + 1);
  return ha < hb ? -1 : ha > hb ? 1 : 0;
}
