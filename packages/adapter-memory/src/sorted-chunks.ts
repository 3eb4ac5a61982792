import { firstPast } from './sorted-search.js';

/** Where an item sits: the chunk, and the index inside it. */
export type Position = [chunk: number, index: number];

/**
 * Items kept sorted by a string key, in a list of sorted chunks of at most `max` items (the
 * layout of Python's `sortedcontainers`). A write binary-searches the chunks by their last key,
 * then splices into one chunk of a few hundred items, so its cost stays small at any size
 * (a single sorted array paid O(n) per insert). It replaced the `sorted-btree` dependency,
 * which cost browser bundles about 19 KB minified for the same job.
 */
export class SortedChunks<T> {
  private chunks: T[][] = [];

  /**
   * @param keyOf - the key an item is sorted by; unique within the list.
   * @param compare - the key order.
   * @param max - the largest a chunk may grow before it is split in two.
   */
  constructor(
    private readonly keyOf: (item: T) => string,
    private readonly compare: (a: string, b: string) => number,
    private readonly max = 512,
  ) {}

  /** Inserts `item`, or replaces the item with the same key. */
  set(item: T): void {
    const key = this.keyOf(item);
    let [c, i] = this.seek(key, false);
    const { chunks } = this;
    if (c === chunks.length) {
      // Past every key: append to the last chunk (or start the first one).
      if (c === 0) {
        chunks.push([item]);
        return;
      }
      c--;
      i = (chunks[c] as T[]).length;
    }
    const chunk = chunks[c] as T[];
    if (i < chunk.length && this.keyOf(chunk[i] as T) === key) {
      chunk[i] = item;
      return;
    }
    chunk.splice(i, 0, item);
    if (chunk.length > this.max) chunks.splice(c + 1, 0, chunk.splice(chunk.length >> 1));
  }

  /** Removes the item with `key`; returns whether there was one. */
  delete(key: string): boolean {
    const [c, i] = this.seek(key, false);
    const chunk = this.chunks[c];
    if (!chunk || this.keyOf(chunk[i] as T) !== key) return false;
    chunk.splice(i, 1);
    if (chunk.length === 0) this.chunks.splice(c, 1);
    return true;
  }

  /**
   * The position of the first item whose key is past `key` (greater when `strict`, else
   * greater or equal); `[chunks, 0]` when there is none.
   */
  seek(key: string, strict: boolean): Position {
    const { chunks, keyOf, compare } = this;
    const past = (item: T) => {
      const c = compare(keyOf(item), key);
      return c > 0 || (c === 0 && !strict);
    };
    const c = firstPast(chunks, (chunk) => past(chunk[chunk.length - 1] as T));
    const chunk = chunks[c];
    return chunk ? [c, firstPast(chunk, past)] : [c, 0];
  }

  /** Drops every item. */
  clear(): void {
    this.chunks = [];
  }

  /** The position just past the last item. */
  end(): Position {
    return [this.chunks.length, 0];
  }

  /**
   * Calls `visit` on the items from `from` onwards (`step` 1) or backwards (`step` -1) until it
   * returns false or the list ends. An index of -1 stands for the last item of its chunk.
   */
  walk([c, i]: Position, step: 1 | -1, visit: (item: T) => boolean): void {
    const { chunks } = this;
    for (; c >= 0 && c < chunks.length; c += step) {
      const chunk = chunks[c] as T[];
      if (i < 0) i = chunk.length - 1;
      for (; i >= 0 && i < chunk.length; i += step) if (!visit(chunk[i] as T)) return;
      i = step > 0 ? 0 : -1;
    }
  }
}
