import type { DocRecord, IdRange } from '@satchel/core';
import { compareIds } from './compare-ids.js';
import { countLimit, searchSorted } from './sorted-search.js';

/**
 * Above this many insertions or removals in one batch, rebuilding the sorted array in one
 * pass (O(n + k log k)) beats one splice per id (O(n) each).
 */
const BULK_THRESHOLD = 32;

const byId = (record: DocRecord, id: string): number => compareIds(record.id, id);
const recordOrder = (a: DocRecord, b: DocRecord): number => compareIds(a.id, b.id);

/**
 * Document records by id: a Map for point reads and an array sorted by id (code-point order,
 * see `compareIds`) for range scans. Scans return the stored records themselves, so a page
 * costs one `slice`.
 */
export class DocIndex {
  private readonly map = new Map<string, DocRecord>();
  private sorted: DocRecord[] = [];

  /** How many documents are stored. */
  get size(): number {
    return this.map.size;
  }

  /** The record of `id`, or `undefined`. */
  get(id: string): DocRecord | undefined {
    return this.map.get(id);
  }

  /** Stores records, replacing any with the same id; within `records` the last one wins. */
  put(records: readonly DocRecord[]): void {
    const added = new Map<string, DocRecord>();
    for (const record of records) {
      const existed = this.map.has(record.id);
      this.map.set(record.id, record);
      if (!existed || added.has(record.id)) added.set(record.id, record);
      else this.sorted[this.position(record.id)] = record;
    }
    if (added.size > 0) this.insert([...added.values()]);
  }

  /** Removes the records of `ids`; absent ids are ignored. */
  delete(ids: readonly string[]): void {
    const removed = ids.filter((id) => this.map.delete(id));
    if (removed.length > BULK_THRESHOLD) {
      this.sorted = this.sorted.filter((r) => this.map.has(r.id));
      return;
    }
    for (const id of removed) this.sorted.splice(this.position(id), 1);
  }

  /** Records whose ids satisfy every bound given, in id order (reversed if asked). */
  scan(range: IdRange): DocRecord[] {
    const start = this.start(range);
    const end = this.end(range);
    const count = Math.min(end - start, countLimit(range.limit));
    if (count <= 0) return [];
    if (!range.reverse) return this.sorted.slice(start, start + count);
    const out = new Array<DocRecord>(count);
    for (let i = 0; i < count; i++) out[i] = this.sorted[end - 1 - i] as DocRecord;
    return out;
  }

  /** Drops everything. */
  clear(): void {
    this.map.clear();
    this.sorted = [];
  }

  /** Index of a stored id in the sorted array. */
  private position(id: string): number {
    return searchSorted(this.sorted, id, false, byId);
  }

  private insert(added: DocRecord[]): void {
    if (added.length > BULK_THRESHOLD) {
      this.sorted = mergeSorted(this.sorted, added.sort(recordOrder));
      return;
    }
    for (const record of added) this.sorted.splice(this.position(record.id), 0, record);
  }

  /** First index inside the lower bounds. */
  private start(range: IdRange): number {
    let lo = 0;
    if (range.gte !== undefined)
      lo = Math.max(lo, searchSorted(this.sorted, range.gte, false, byId));
    if (range.gt !== undefined) lo = Math.max(lo, searchSorted(this.sorted, range.gt, true, byId));
    return lo;
  }

  /** One past the last index inside the upper bounds. */
  private end(range: IdRange): number {
    let hi = this.sorted.length;
    if (range.lte !== undefined)
      hi = Math.min(hi, searchSorted(this.sorted, range.lte, true, byId));
    if (range.lt !== undefined) hi = Math.min(hi, searchSorted(this.sorted, range.lt, false, byId));
    return hi;
  }
}

/** Merges two arrays sorted by id whose ids are disjoint. */
function mergeSorted(a: readonly DocRecord[], b: readonly DocRecord[]): DocRecord[] {
  const out = new Array<DocRecord>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as DocRecord;
    const y = b[j] as DocRecord;
    if (compareIds(x.id, y.id) < 0) {
      out[k++] = x;
      i++;
    } else {
      out[k++] = y;
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as DocRecord;
  while (j < b.length) out[k++] = b[j++] as DocRecord;
  return out;
}
