import type { DocRecord, IdRange } from '@satchel/core';
import { compareIds } from './compare-ids.js';
import { type Position, SortedChunks } from './sorted-chunks.js';
import { countLimit } from './sorted-search.js';

/**
 * Document records by id: a Map for point reads, and the same records sorted by id
 * (code-point order, see `compareIds`) in {@link SortedChunks} for range scans. Scans return
 * the stored records themselves.
 */
export class DocIndex {
  private readonly map = new Map<string, DocRecord>();
  private readonly sorted: SortedChunks<DocRecord>;

  /** @param chunkSize - how large a chunk of sorted records grows; small in tests. */
  constructor(chunkSize?: number) {
    this.sorted = new SortedChunks<DocRecord>((record) => record.id, compareIds, chunkSize);
  }

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
      this.sorted.set(record);
    }
  }

  /** Removes the records of `ids`; absent ids are ignored. */
  delete(ids: readonly string[]): void {
    for (const id of ids) if (this.map.delete(id)) this.sorted.delete(id);
  }

  /** Records whose ids satisfy every bound given, in id order (reversed if asked). */
  scan(range: IdRange): DocRecord[] {
    const limit = countLimit(range.limit);
    const out: DocRecord[] = [];
    if (limit <= 0) return out;
    const low = lowerBound(range);
    const high = upperBound(range);
    if (low && high && compareIds(low.id, high.id) > 0) return out;
    const { sorted } = this;
    if (range.reverse) {
      // Start at the last record inside `high`: one step back from the first one past it
      // (index -1 is the last record of the chunk before).
      const [c, i] = high ? sorted.seek(high.id, !high.strict) : sorted.end();
      sorted.walk(i > 0 ? [c, i - 1] : [c - 1, -1], -1, (record) => {
        if (low && beforeLow(record.id, low)) return false;
        return out.push(record) < limit;
      });
    } else {
      const start: Position = low ? sorted.seek(low.id, low.strict) : [0, 0];
      sorted.walk(start, 1, (record) => {
        if (high && pastHigh(record.id, high)) return false;
        return out.push(record) < limit;
      });
    }
    return out;
  }

  /** Drops everything. */
  clear(): void {
    this.map.clear();
    this.sorted.clear();
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
