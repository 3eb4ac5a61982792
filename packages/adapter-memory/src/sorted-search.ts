/**
 * The first index in the ascending array `items` whose key is past `key`: greater than it when
 * `strict`, else greater or equal. Binary search, so O(log n).
 */
export function searchSorted<T, K>(
  items: readonly T[],
  key: K,
  strict: boolean,
  compare: (item: T, key: K) => number,
): number {
  return firstPast(items, (item) => {
    const c = compare(item, key);
    return c > 0 || (c === 0 && !strict);
  });
}

/** The first index of the ascending `items` where `past` holds (binary search). */
export function firstPast<T>(items: readonly T[], past: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (past(items[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A `limit` as a count: absent or negative means unbounded (LevelDB's `-1`). */
export function countLimit(limit: number | undefined): number {
  if (limit === undefined || limit < 0 || Number.isNaN(limit)) return Number.POSITIVE_INFINITY;
  return Math.floor(limit);
}
