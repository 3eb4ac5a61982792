import type { DocRecord, IdRange } from '@satchel/core/engine';
import type SortedBTree from 'sorted-btree';
import { BTree } from './btree.js';
import { compareIds } from './compare-ids.js';
import { countLimit } from './sorted-search.js';

/**
 * Document records by id: a Map for point reads, and a B+ tree (`sorted-btree`) ordered by id
 * (code-point order, see `compareIds`) for range scans. Inserting or deleting an id costs
 * O(log n) whatever the database size, where a sorted array paid O(n) per insert; scans
 * return the stored records themselves.
 */
export class DocIndex {
  private readonly map = new Map<string, DocRecord>();
  private tree: SortedBTree<string, DocRecord> = new BTree<string, DocRecord>(
    undefined,
    compareIds,
  );

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
    for (const record of records) {
      this.map.set(record.id, record);
      this.tree.set(record.id, record);
    }
  }

  /** Removes the records of `ids`; absent ids are ignored. */
  delete(ids: readonly string[]): void {
    for (const id of ids) if (this.map.delete(id)) this.tree.delete(id);
  }

  /** Records whose ids satisfy every bound given, in id order (reversed if asked). */
  scan(range: IdRange): DocRecord[] {
    const limit = countLimit(range.limit);
    const out: DocRecord[] = [];
    if (limit <= 0) return out;
    const low = lowerBound(range);
    const high = upperBound(range);
    if (low && high && compareIds(low.id, high.id) > 0) return out;
    if (!range.reverse) {
      for (const [id, record] of this.tree.entries(low?.id)) {
        if (low?.strict && id === low.id) continue;
        if (high && pastHigh(id, high)) break;
        out.push(record);
        if (out.length >= limit) break;
      }
      return out;
    }
    for (const [id, record] of this.tree.entriesReversed(high?.id)) {
      if (high?.strict && id === high.id) continue;
      if (low && beforeLow(id, low)) break;
      out.push(record);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Drops everything. */
  clear(): void {
    this.map.clear();
    this.tree = new BTree<string, DocRecord>(undefined, compareIds);
  }
}

/** One end of a range: an id, and whether the id itself is outside (`gt`/`lt`). */
interface Bound {
  id: string;
  strict: boolean;
}

/** The tighter of `gt` and `gte`. */
function lowerBound(range: IdRange): Bound | undefined {
  const { gt, gte } = range;
  if (gt === undefined) return gte === undefined ? undefined : { id: gte, strict: false };
  if (gte === undefined || compareIds(gt, gte) >= 0) return { id: gt, strict: true };
  return { id: gte, strict: false };
}

/** The tighter of `lt` and `lte`. */
function upperBound(range: IdRange): Bound | undefined {
  const { lt, lte } = range;
  if (lt === undefined) return lte === undefined ? undefined : { id: lte, strict: false };
  if (lte === undefined || compareIds(lt, lte) <= 0) return { id: lt, strict: true };
  return { id: lte, strict: false };
}

function pastHigh(id: string, high: Bound): boolean {
  const c = compareIds(id, high.id);
  return c > 0 || (c === 0 && high.strict);
}

function beforeLow(id: string, low: Bound): boolean {
  const c = compareIds(id, low.id);
  return c < 0 || (c === 0 && low.strict);
}
