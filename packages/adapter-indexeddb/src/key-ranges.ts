import type { IdRange, SeqRange } from '@satchel/core';
import { idKey } from './id-key.js';

/** A key range, `undefined` for "everything", or `null` when the range is certainly empty. */
export type KeyRange = IDBKeyRange | undefined | null;

function between<K extends string | number>(
  lower: K | undefined,
  lowerOpen: boolean,
  upper: K | undefined,
  upperOpen: boolean,
): KeyRange {
  if (lower === undefined && upper === undefined) return undefined;
  if (upper === undefined) return IDBKeyRange.lowerBound(lower, lowerOpen);
  if (lower === undefined) return IDBKeyRange.upperBound(upper, upperOpen);
  // IDBKeyRange.bound throws on empty ranges; they simply match nothing.
  if (lower > upper || (lower === upper && (lowerOpen || upperOpen))) return null;
  return IDBKeyRange.bound(lower, upper, lowerOpen, upperOpen);
}

/** The key range of an id range (keys per {@link idKey}). */
export function idKeyRange(range: IdRange): KeyRange {
  const lower = range.gt ?? range.gte;
  const upper = range.lt ?? range.lte;
  return between(
    lower === undefined ? undefined : idKey(lower),
    range.gt !== undefined,
    upper === undefined ? undefined : idKey(upper),
    range.lt !== undefined,
  );
}

/** The key range of a sequence range: `seq > since` and `seq < before`. */
export function seqKeyRange(range: SeqRange): KeyRange {
  return between(range.since, true, range.before, true);
}
