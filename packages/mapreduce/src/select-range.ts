import type { IndexRange } from './index-range.js';
import type { ViewEntry } from './view-entry.js';

/** True when `entry` lies inside `range` (bounds inclusive, as `allDocs` without `inclusive_end`). */
function inRange(entry: ViewEntry, range: IndexRange): boolean {
  const low = range.descending ? range.endkey : range.startkey;
  const high = range.descending ? range.startkey : range.endkey;
  if (low !== undefined && entry.indexKey < low) return false;
  if (high !== undefined && entry.indexKey > high) return false;
  return true;
}

/**
 * The entries of a sorted view inside `range`, in the range's direction, after `skip` and
 * `limit` (as the view database's `allDocs` would return them).
 * @param entries - the view, sorted by indexable string.
 * @param range - the bounds and direction.
 * @param skip - rows to drop first.
 * @param limit - the most rows to keep, when given.
 */
export function selectRange(
  entries: readonly ViewEntry[],
  range: IndexRange,
  skip = 0,
  limit?: number,
): ViewEntry[] {
  const ordered = range.descending ? [...entries].reverse() : entries;
  const selected = ordered.filter((entry) => inRange(entry, range));
  return selected.slice(skip, limit === undefined ? undefined : skip + limit);
}
