/** A key the cache can order: document and local ids (as stored), or sequence numbers. */
export type OrderedKey = string | number;

/**
 * Every key of one store, in store order, kept beside the cache's set of keys so that a scan
 * can be answered from memory. Writes only note the keys they add; the order is rebuilt (one
 * merge) at the next scan, so a run of commits between scans costs no sorting each.
 */
export class SortedKeys<K extends OrderedKey> {
  #sorted: K[] = [];
  #added: K[] = [];
  #removed = false;

  /** Notes a key that was not in the set. */
  add(key: K): void {
    this.#added.push(key);
  }

  /** Notes that some key left the set (which one is read from the set at the next scan). */
  remove(): void {
    this.#removed = true;
  }

  /** The keys in store order; `present` is the set they must all belong to. */
  ordered(present: ReadonlySet<K>): readonly K[] {
    if (this.#added.length === 0 && !this.#removed) return this.#sorted;
    const added = this.#added.sort(compare);
    const merged: K[] = [];
    let i = 0;
    let j = 0;
    const sorted = this.#sorted;
    while (i < sorted.length || j < added.length) {
      const next = j >= added.length || (i < sorted.length && sorted[i]! <= added[j]!);
      const key = next ? sorted[i++]! : added[j++]!;
      // A key removed and added again is in both lists; one copy, and only if still present.
      if (merged[merged.length - 1] !== key && present.has(key)) merged.push(key);
    }
    this.#sorted = merged;
    this.#added = [];
    this.#removed = false;
    return merged;
  }
}

/** Store order: IndexedDB orders numbers numerically and strings by UTF-16 unit, as `<` does. */
function compare<K extends OrderedKey>(a: K, b: K): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first index in `sorted` whose key is above `key` (`open`) or at least `key`. */
export function lowerIndex<K extends OrderedKey>(
  sorted: readonly K[],
  key: K,
  open: boolean,
): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = sorted[mid]!;
    if (at < key || (open && at === key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
