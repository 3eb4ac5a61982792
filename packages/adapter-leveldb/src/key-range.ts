import type { IdRange, SeqRange } from '@satchel/core';
import { encodeText, seqKey } from './key-codec.js';

/** A range over encoded keys, in abstract-level's iterator option shape. */
export interface KeyRange {
  gt?: Uint8Array;
  gte?: Uint8Array;
  lt?: Uint8Array;
  lte?: Uint8Array;
  reverse: boolean;
  /** `-1` for no bound, as abstract-level reads it. */
  limit: number;
}

/** An engine `limit` as abstract-level's: absent, negative or NaN means unbounded (`-1`). */
export function levelLimit(limit: number | undefined): number {
  if (limit === undefined || Number.isNaN(limit) || limit < 0) return -1;
  return limit === Number.POSITIVE_INFINITY ? -1 : Math.floor(limit);
}

/** Byte-wise comparison, LevelDB's default key order. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * The key range of an id range. The contract asks for records satisfying every bound given,
 * while abstract-level honours only one lower (`gte` before `gt`) and one upper bound, so the
 * tighter bound of each side is kept (the strict one when both name the same key).
 */
export function idKeyRange(range: IdRange): KeyRange {
  const out: KeyRange = { reverse: range.reverse === true, limit: levelLimit(range.limit) };
  const gte = range.gte === undefined ? undefined : encodeText(range.gte);
  const gt = range.gt === undefined ? undefined : encodeText(range.gt);
  if (gt && (!gte || compareBytes(gt, gte) >= 0)) out.gt = gt;
  else if (gte) out.gte = gte;
  const lte = range.lte === undefined ? undefined : encodeText(range.lte);
  const lt = range.lt === undefined ? undefined : encodeText(range.lt);
  if (lt && (!lte || compareBytes(lt, lte) <= 0)) out.lt = lt;
  else if (lte) out.lte = lte;
  return out;
}

/**
 * The key range of a seq range: `since < seq < before`. Bounds are clamped to whole,
 * non-negative seqs, so a fractional or negative bound selects what the numbers say.
 * @returns `undefined` when the range is empty whatever is stored.
 */
export function seqKeyRange(range: SeqRange): KeyRange | undefined {
  const out: KeyRange = { reverse: range.reverse === true, limit: levelLimit(range.limit) };
  const { since, before } = range;
  if (since !== undefined && !Number.isNaN(since) && since >= 0) {
    if (since >= Number.MAX_SAFE_INTEGER) return undefined;
    out.gt = seqKey(Math.floor(since));
  }
  if (before !== undefined && !Number.isNaN(before) && before <= Number.MAX_SAFE_INTEGER) {
    if (before <= 0) return undefined;
    out.lt = seqKey(Math.ceil(before));
  }
  return out;
}
