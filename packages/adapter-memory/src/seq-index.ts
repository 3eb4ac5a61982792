import type { SeqEntry, SeqRange } from '@satchel/core/engine';
import { countLimit, searchSorted } from './sorted-search.js';

const bySeq = (seq: number, key: number): number => seq - key;

/**
 * The by-sequence index. New seqs are always above every stored one, so a write appends to an
 * ascending array; a Map from seq to entry says which seqs are live. Deleting only removes the
 * Map entry and leaves a tombstone in the array (a splice per deletion would cost O(n), and
 * every update of a document deletes its previous seq); the array is compacted once more than
 * half of it is tombstones, which keeps scans and memory within twice the live size.
 */
export class SeqIndex {
  private seqs: number[] = [];
  private readonly live = new Map<number, SeqEntry>();

  /** How many live entries are stored. */
  get size(): number {
    return this.live.size;
  }

  /** Length of the array including tombstones; for tests of compaction. */
  get slots(): number {
    return this.seqs.length;
  }

  /** Stores entries, replacing any with the same seq. */
  put(entries: readonly SeqEntry[]): void {
    for (const entry of entries) this.putOne(entry);
  }

  /** Removes entries by seq; absent seqs are ignored. */
  delete(seqs: readonly number[]): void {
    for (const seq of seqs) this.live.delete(seq);
    this.compactIfSparse();
  }

  /** Live entries with `since < seq < before`, ascending (descending if reversed). */
  scan(range: SeqRange): SeqEntry[] {
    const lo = range.since === undefined ? 0 : searchSorted(this.seqs, range.since, true, bySeq);
    const hi =
      range.before === undefined
        ? this.seqs.length
        : searchSorted(this.seqs, range.before, false, bySeq);
    const limit = countLimit(range.limit);
    const out: SeqEntry[] = [];
    if (range.reverse) {
      for (let i = hi - 1; i >= lo && out.length < limit; i--) this.collect(i, out);
    } else {
      for (let i = lo; i < hi && out.length < limit; i++) this.collect(i, out);
    }
    return out;
  }

  /** Drops everything. */
  clear(): void {
    this.seqs = [];
    this.live.clear();
  }

  private collect(index: number, out: SeqEntry[]): void {
    const entry = this.live.get(this.seqs[index] as number);
    if (entry) out.push(entry);
  }

  private putOne(entry: SeqEntry): void {
    const last = this.seqs[this.seqs.length - 1];
    if (last === undefined || entry.seq > last) {
      this.seqs.push(entry.seq);
    } else {
      // Not the usual append (a seq reused or written out of order): keep the array sorted,
      // and a tombstoned slot for this seq simply comes back to life.
      const at = searchSorted(this.seqs, entry.seq, false, bySeq);
      if (this.seqs[at] !== entry.seq) this.seqs.splice(at, 0, entry.seq);
    }
    this.live.set(entry.seq, entry);
  }

  private compactIfSparse(): void {
    if (this.live.size * 2 >= this.seqs.length) return;
    this.seqs = this.seqs.filter((seq) => this.live.has(seq));
  }
}
