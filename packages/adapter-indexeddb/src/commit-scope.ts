import type { EngineBatch } from '@satchel/core';
import { storesOf } from './apply-batch.js';
import { bodyKey } from './doc-cache.js';
import { idKey } from './id-key.js';
import { STORES } from './idb-schema.js';
import type { KnownDoc } from './inline-bodies.js';

/**
 * The stores a commit's transaction locks: {@link storesOf} the batch, less `revs` and `seqs`
 * when what the engine knows before the transaction (the records the batch rewrites, from the
 * cache at the version committed against, and that version's `seqTop`) shows the batch writes
 * nothing there. A new document's write then locks `meta` and `docs` only, and an update's
 * `seqs` stays free: other tabs' reads of the stores left out need not wait for it. Whatever is
 * unknown keeps the store in. The decisions mirror `writeDocs` and `seqWriter`.
 */
export function scopeOf(batch: EngineBatch, known: KnownDoc, top: number | undefined): string[] {
  const all = storesOf(batch);
  if (top === undefined) return all;
  const revs = writesRevs(batch, known);
  const seqs = writesSeqs(batch, known, top);
  return all.filter((name) => (name !== STORES.revs || revs) && (name !== STORES.seqs || seqs));
}

/** Whether a body goes to or leaves `revs`: see `writeDocs` and `inlinedBodies`. */
function writesRevs(batch: EngineBatch, known: KnownDoc): boolean {
  if ((batch.deleteRevs ?? []).length > 0) return true;
  const records = batch.putDocs ?? [];
  const winners = new Set(records.map((record) => bodyKey(record.id, record.winningRev)));
  if ((batch.putRevs ?? []).some(({ id, rev }) => !winners.has(bodyKey(id, rev)))) return true;
  return records.some((record) => {
    const old = known(idKey(record.id));
    // Unknown: read in the transaction, it may hold a former winner's body to move.
    if (old === undefined) return true;
    const held = old?.[2];
    return held !== undefined && held !== record.winningRev;
  });
}

/** Whether an entry goes to or leaves `seqs`: see `seqWriter`. */
function writesSeqs(batch: EngineBatch, known: KnownDoc, top: number): boolean {
  if ((batch.deleteDocs ?? []).length > 0) return true;
  const lastPut = new Map(batch.putSeqs?.map((entry) => [entry.seq, entry.id]));
  const written = new Map(batch.putDocs?.map((record) => [record.id, record.seq]));
  // Every entry put must be carried by its record (new, and that record's seq).
  for (const [seq, id] of lastPut) if (!(seq > top && written.get(id) === seq)) return true;
  const carrying = new Set(lastPut.values());
  const deleted = new Set(batch.deleteSeqs);
  const covered = new Set<number>();
  for (const record of batch.putDocs ?? []) {
    const old = known(idKey(record.id));
    if (old === undefined) return true;
    const had = old?.seq;
    if (had === undefined) continue;
    if (deleted.has(had) || lastPut.has(had)) covered.add(had);
    // The record gives its entry up for a new one, and the batch keeps it: it moves to `seqs`.
    else if (carrying.has(record.id)) return true;
  }
  return [...deleted].some((seq) => seq <= top && !covered.has(seq));
}
