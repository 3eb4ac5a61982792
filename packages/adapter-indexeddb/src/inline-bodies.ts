import { type DocRecord, type EngineBatch, stringify } from '@satchel/core';
import { bodyKey, type CacheChange, type StoredDoc } from './doc-cache.js';
import { idKey } from './id-key.js';
import { STORES } from './idb-schema.js';
import type { SeqWriter } from './seq-entries.js';

/** What the cache knows of a stored record: it, `null` when known absent, `undefined`: unknown. */
export type KnownDoc = (key: string) => StoredDoc | null | undefined;

/** The stored records a batch rewrites, as they were before it. */
export type OldDoc = (key: string) => StoredDoc | undefined;

/** The bodies of `putRevs` that go in records rather than in `revs`, by `bodyKey`. */
export function inlinedBodies(
  batch: EngineBatch,
  bodies: ReadonlyMap<string, string>,
): Set<string> {
  const inlined = new Set<string>();
  for (const record of batch.putDocs ?? []) {
    const key = bodyKey(record.id, record.winningRev);
    if (bodies.has(key)) inlined.add(key);
  }
  return inlined;
}

/**
 * Writes the document records of a batch in format 2, where the winning revision's body lives
 * only inside its record (one request per new document instead of two) and every other body
 * in `revs`. A body therefore has exactly one home, and moves when the winner changes:
 *
 * - a record whose winner's body the batch writes holds that body; the body is not put in `revs`;
 * - a record whose winner is unchanged keeps the body it held (unless the batch deletes it);
 * - the body a record held for a former winner moves to `revs`, unless the batch deletes it;
 * - a batch deleting the held body of a record it does not rewrite rewrites it without.
 *
 * The contract's rule 2 (a stored body is never put again) keeps this sound. `old` gives the
 * records before the batch (see `applyBatch`). Records of format 1 (`[record, body]`, the body
 * also in `revs`) are read as holding nothing. Which by-seq entry a record carries: `seqs`.
 */
export function writeDocs(
  tx: IDBTransaction,
  batch: EngineBatch,
  bodies: ReadonlyMap<string, string>,
  old: OldDoc,
  seqs: SeqWriter,
  applied: CacheChange,
): void {
  // Not `docs` up front: the commit's scope holds it only when the batch touches records.
  const put = (key: string, value: StoredDoc, seq: number | undefined) => {
    if (seq !== undefined) value.seq = seq;
    tx.objectStore(STORES.docs).put(value, key);
    applied.docs.put.push([key, value]);
  };
  const dropped = new Set((batch.deleteRevs ?? []).map(({ id, rev }) => bodyKey(id, rev)));
  const rewritten = new Set((batch.deleteDocs ?? []).map(idKey));
  for (const record of batch.putDocs ?? []) {
    const key = idKey(record.id);
    rewritten.add(key);
    const own = bodies.get(bodyKey(record.id, record.winningRev));
    const before = old(key);
    const seq = seqs.carry(record.id, before, seqs.carried.get(record.id));
    put(key, storedRecord(tx, record, own, before, dropped), seq);
  }
  // A held body deleted while its record stays: the record is rewritten without it.
  for (const id of new Set((batch.deleteRevs ?? []).map((ref) => ref.id))) {
    const key = idKey(id);
    const before = old(key);
    if (rewritten.has(key) || before?.[2] === undefined || !dropped.has(bodyKey(id, before[2]))) {
      continue;
    }
    put(key, [before[0]], seqs.carry(id, before));
  }
}

/** The stored value of `record`, and the move of a former winner's body to `revs`. */
function storedRecord(
  tx: IDBTransaction,
  record: DocRecord,
  own: string | undefined,
  old: StoredDoc | undefined,
  dropped: ReadonlySet<string>,
): StoredDoc {
  const json = stringify(record);
  const held = old?.[2];
  let body = own;
  if (held !== undefined && !dropped.has(bodyKey(record.id, held))) {
    if (held !== record.winningRev) {
      tx.objectStore(STORES.revs).put(old![1], [record.id, held]);
    } else body ??= old![1];
  }
  return body === undefined ? [json] : [json, body, record.winningRev];
}
