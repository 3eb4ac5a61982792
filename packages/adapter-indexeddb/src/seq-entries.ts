import type { EngineBatch, SeqEntry } from '@satchel/core';
import type { CacheChange, StoredDoc } from './doc-cache.js';
import { SEQ_INDEX, STORES } from './idb-schema.js';

/**
 * Writes a batch's by-seq entries, most of them at no cost: the record of a document written
 * with seq S, when the batch also puts the entry `{S, id}` and S is new (above `top`, no less
 * than every entry ever stored, so held nowhere yet), carries S as its `seq` property, which
 * `docs`' {@link SEQ_INDEX} indexes. Every other entry goes to `seqs`. Each seq is held at most
 * once, by one record or in `seqs`:
 *
 * - a rewritten record keeps the entry it carried unless the batch deletes or re-puts that
 *   seq; dropping it then needs no request (the index follows the record);
 * - an entry a record must give up but the batch keeps (the record deleted, or carrying a new
 *   one) moves to `seqs`;
 * - an entry put in `seqs`, or deleted, that some record not rewritten may carry (seq up to
 *   `top`) is looked up in the index, and that record rewritten without it.
 *
 * LocalAdapter's writes (new seq for each write, the old entry deleted) thus cost no request.
 */
export class SeqWriter {
  /** The entry each document's new record carries, by id. */
  readonly #carried = new Map<string, number>();
  readonly #deleted: ReadonlySet<number>;
  readonly #reput: ReadonlySet<number>;
  /** Deleted seqs that a rewritten record dropped: nothing left to delete. */
  readonly #covered = new Set<number>();

  constructor(
    private readonly tx: IDBTransaction,
    private readonly batch: EngineBatch,
    private readonly top: number,
    private readonly applied: CacheChange,
  ) {
    this.#deleted = new Set(batch.deleteSeqs);
    this.#reput = new Set(batch.putSeqs?.map((entry) => entry.seq));
    const written = new Map(batch.putDocs?.map((record) => [record.id, record.seq]));
    for (const { seq, id } of batch.putSeqs ?? []) {
      if (seq > top && written.get(id) === seq) this.#carried.set(id, seq);
    }
  }

  /** The entry the new record of `id` carries, given the old one (`own`: a new record of `id`). */
  carry(id: string, old: StoredDoc | undefined, own: boolean): number | undefined {
    const had = old?.seq;
    const kept = had !== undefined && !this.#deleted.has(had) && !this.#reput.has(had);
    if (had !== undefined && !kept) this.#covered.add(had);
    const mine = own ? this.#carried.get(id) : undefined;
    if (mine === undefined) return kept ? had : undefined;
    if (kept) this.#store({ seq: had!, id });
    return mine;
  }

  /** The record of `id` is deleted: the entry it carried, if kept, moves to `seqs`. */
  release(id: string, old: StoredDoc | undefined): void {
    const kept = this.carry(id, old, false);
    if (kept !== undefined) this.#store({ seq: kept, id });
  }

  /** Writes what no record carries; call once every record of the batch is written. */
  finish(): void {
    const seqs: NonNullable<CacheChange['seqs']> = { put: [], deleted: [] };
    for (const seq of this.batch.deleteSeqs ?? []) {
      seqs.deleted.push(seq);
      if (this.#covered.has(seq) || seq > this.top) continue;
      this.tx.objectStore(STORES.seqs).delete(seq);
      this.#unclaim(seq);
    }
    for (const { seq, id } of this.batch.putSeqs ?? []) {
      seqs.put.push([seq, { seq, id }]);
      if (this.#carried.get(id) === seq) continue;
      this.#store({ seq, id });
      if (seq <= this.top) this.#unclaim(seq);
    }
    this.applied.seqs = seqs;
  }

  #store(entry: SeqEntry): void {
    this.tx.objectStore(STORES.seqs).put({ seq: entry.seq, id: entry.id });
  }

  /** Rewrites the record (if any) still carrying `seq` without it. */
  #unclaim(seq: number): void {
    const docs = this.tx.objectStore(STORES.docs);
    const found = docs.index(SEQ_INDEX).getKey(seq);
    found.onsuccess = () => {
      const key = found.result as string | undefined;
      if (key === undefined) return;
      const read = docs.get(key);
      read.onsuccess = () => {
        // A copy of the array's elements, without the `seq` property.
        const value = [...(read.result as StoredDoc)] as StoredDoc;
        docs.put(value, key);
        this.applied.docs.put.push([key, value]);
      };
    };
  }
}
