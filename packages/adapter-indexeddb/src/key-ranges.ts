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

/** One side of a range: a key, and whether it is excluded. */
type Bound = { key: string; open: boolean } | undefined;

/** The tighter of two bounds on one side (`lower`: the greater key); open wins a tie. */
function tighter(a: Bound, b: Bound, lower: boolean): Bound {
  if (!a || !b) return a ?? b;
  if (a.key === b.key) return a.open ? a : b;
  return a.key > b.key === lower ? a : b;
}

const bound = (id: string | undefined, open: boolean): Bound =>
  id === undefined ? undefined : { key: idKey(id), open };

/** The key range of an id range (keys per {@link idKey}); every bound given applies. */
export function idKeyRange(range: IdRange): KeyRange {
  const lower = tighter(bound(range.gt, true), bound(range.gte, false), true);
  const upper = tighter(bound(range.lt, true), bound(range.lte, false), false);
  return between(lower?.key, lower?.open ?? false, upper?.key, upper?.open ?? false);
}

/** The key range of a sequence range: `seq > since` and `seq < before`. */
export function seqKeyRange(range: SeqRange): KeyRange {
  return between(range.since, true, range.before, true);
}
