import { OrderedMap } from '@js-sdsl/ordered-map';
import type { DocRecord, IdRange } from '@satchel/core';
import { compareIds } from './compare-ids.js';
import { countLimit } from './sorted-search.js';

/** A position in the ordered map: the iterator type `@js-sdsl/ordered-map` hands out. */
type Cursor = ReturnType<OrderedMap<string, DocRecord>['begin']>;

/**
 * Document records by id: a Map for point reads, and the same records in a red-black tree
 * (`@js-sdsl/ordered-map`) ordered by id (code-point order, see `compareIds`) for range scans.
 * Inserting or deleting an id costs O(log n) at any database size; scans return the stored
 * records themselves.
 */
export class DocIndex {
  private readonly map = new Map<string, DocRecord>();
  private readonly tree = new OrderedMap<string, DocRecord>([], compareIds);

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
      this.tree.setElement(record.id, record);
    }
  }

  /** Removes the records of `ids`; absent ids are ignored. */
  delete(ids: readonly string[]): void {
    for (const id of ids) if (this.map.delete(id)) this.tree.eraseElementByKey(id);
  }

  /** Records whose ids satisfy every bound given, in id order (reversed if asked). */
  scan(range: IdRange): DocRecord[] {
    const limit = countLimit(range.limit);
    const out: DocRecord[] = [];
    if (limit <= 0) return out;
    const low = lowerBound(range);
    const high = upperBound(range);
    if (low && high && compareIds(low.id, high.id) > 0) return out;
    if (range.reverse) this.walkBack(high, low, limit, out);
    else this.walkForward(low, high, limit, out);
    return out;
  }

  /** Drops everything. */
  clear(): void {
    this.map.clear();
    this.tree.clear();
  }

  private walkForward(
    low: Bound | undefined,
    high: Bound | undefined,
    limit: number,
    out: DocRecord[],
  ) {
    const { tree } = this;
    const end = tree.end();
    let at: Cursor = low
      ? low.strict
        ? tree.upperBound(low.id)
        : tree.lowerBound(low.id)
      : tree.begin();
    for (; !at.equals(end); at = at.next()) {
      const [id, record] = at.pointer;
      if (high && pastHigh(id, high)) return;
      if (out.push(record) >= limit) return;
    }
  }

  private walkBack(
    high: Bound | undefined,
    low: Bound | undefined,
    limit: number,
    out: DocRecord[],
  ) {
    const { tree } = this;
    if (tree.size() === 0) return;
    const first = tree.begin();
    // The library's "reverse bound" lookups return forward iterators; stepping back with
    // `pre()` past the first element throws, so the loop stops on it explicitly.
    let at: Cursor = high
      ? high.strict
        ? tree.reverseUpperBound(high.id)
        : tree.reverseLowerBound(high.id)
      : tree.reverseLowerBound(tree.back()?.[0] as string);
    if (at.equals(tree.end())) return;
    for (;;) {
      const [id, record] = at.pointer;
      if (low && beforeLow(id, low)) return;
      if (out.push(record) >= limit || at.equals(first)) return;
      at = at.pre();
    }
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
