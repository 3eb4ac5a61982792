import type { EngineBatch } from '@satchel/core';
import type { CacheChange, StoredDoc } from './doc-cache.js';
import { SEQ_INDEX, STORES } from './idb-schema.js';

/** What {@link seqWriter} gives the writes of one batch. */
export interface SeqWriter {
  /**
   * The entry the new value of record `id` carries, given its old value: `mine`, the batch's
   * new entry for it, or else the old one if kept; `gone`: the record is deleted.
   */
  carry(id: string, old: StoredDoc | undefined, mine?: number, gone?: boolean): number | undefined;
  /** The entry each document's new record carries, by id. */
  carried: Map<string, number>;
  /** Writes what no record carries; called once every record of the batch is written. */
  finish(): void;
  /**
   * Calls `then` once every request is issued: at once, or when the last record still
   * carrying a seq that `finish` moved or deleted has been looked up and rewritten.
   */
  settled(then: () => void): void;
}

/**
 * Writes a batch's by-seq entries, most of them at no cost: the record of a document written
 * with seq S, when the batch also puts the entry `{S, id}` and S is new (above `top`, no less
 * than every entry ever stored, so held nowhere yet), carries S as its `seq` property, which
 * `docs`' {@link SEQ_INDEX} indexes. Every other entry goes to `seqs`. Each seq is held at most
 * once, by one record or in `seqs`:
 *
 * - a rewritten record keeps the entry it carried unless the batch deletes or re-puts that
 *   seq; dropping it then needs no request (the index follows the record);
 * - an entry a record gives up but the batch keeps (the record deleted, or carrying a new one)
 *   moves to `seqs`;
 * - an entry put in `seqs`, or deleted, that a record not rewritten may carry (seq up to `top`)
 *   is looked up in the index, and that record rewritten without it.
 *
 * LocalAdapter's writes (a new seq for each write, the old entry deleted) cost no request here.
 */
export function seqWriter(
  tx: IDBTransaction,
  batch: EngineBatch,
  top: number,
  applied: CacheChange,
): SeqWriter {
  const deleted = new Set(batch.deleteSeqs);
  // Of several puts of one seq, the batch's last is the entry that stays.
  const lastPut = new Map(batch.putSeqs?.map((entry) => [entry.seq, entry.id]));
  const written = new Map(batch.putDocs?.map((record) => [record.id, record.seq]));
  const carried = new Map<string, number>();
  for (const [seq, id] of lastPut) {
    if (seq > top && written.get(id) === seq) carried.set(id, seq);
  }
  /** Deleted seqs that a rewritten record dropped: nothing left to delete. */
  const covered = new Set<number>();
  const seqs = () => tx.objectStore(STORES.seqs);
  /** Lookups of `unclaim` not answered yet, and who waits for none to be left. */
  let lookups = 0;
  let onSettled: (() => void) | undefined;
  /** Rewrites the record (if any) still carrying `seq` without it. */
  const unclaim = (seq: number) => {
    if (seq > top) return;
    lookups++;
    const found = tx.objectStore(STORES.docs).index(SEQ_INDEX).openCursor(seq);
    found.onsuccess = () => {
      const cursor = found.result;
      if (cursor) {
        // A copy of the array's elements, without the `seq` property.
        const value = [...(cursor.value as StoredDoc)] as StoredDoc;
        cursor.update(value);
        applied.docs.put.push([cursor.primaryKey as string, value]);
      }
      if (--lookups === 0) onSettled?.();
    };
  };
  return {
    carried,
    carry(id, old, mine, gone) {
      const had = old?.seq;
      if (had === undefined) return mine;
      if (deleted.has(had) || lastPut.has(had)) covered.add(had);
      else if (mine === undefined && !gone) return had;
      else seqs().put({ seq: had, id });
      return mine;
    },
    finish() {
      const change: NonNullable<CacheChange['seqs']> = { put: [], deleted: [] };
      for (const seq of batch.deleteSeqs ?? []) {
        change.deleted.push(seq);
        if (covered.has(seq) || seq > top) continue;
        seqs().delete(seq);
        unclaim(seq);
      }
      for (const [seq, id] of lastPut) {
        change.put.push([seq, { seq, id }]);
        if (carried.get(id) === seq) continue;
        seqs().put({ seq, id });
        unclaim(seq);
      }
      applied.seqs = change;
    },
    settled(then) {
      if (lookups === 0) then();
      else onSettled = then;
    },
  };
}
