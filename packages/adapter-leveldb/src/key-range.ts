import type { IdRange, SeqRange } from '@satchel/core';
import { encodeText, type Key, keyBytes, seqKey, textKey } from './key-codec.js';

/** A range over keys, in abstract-level's iterator option shape. */
export interface KeyRange {
  gt?: Key;
  gte?: Key;
  lt?: Key;
  lte?: Key;
  reverse: boolean;
  /** `-1` for no bound, as abstract-level reads it. */
  limit: number;
  /** Set when a bound is binary (a lone surrogate): then every bound is given as bytes. */
  keyEncoding?: 'view';
}

/**
 * What one trip to a classic-level iterator's thread may read (bytes). Its default, 16 KiB,
 * splits a page of a few hundred documents into a round trip per 16 KiB, each a wait of tens
 * of microseconds; a scan collects its whole range anyway (`all()`), so larger trips hold no
 * more in memory than the answer, plus one trip's buffer.
 */
const TRIP_BYTES = 1 << 20;

/** `range` as iterator options for a read collected whole: few, large trips (see above). */
export function wholeReads(range: KeyRange): KeyRange & { highWaterMarkBytes: number } {
  return { ...range, highWaterMarkBytes: TRIP_BYTES };
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

/** The stronger of two bounds on one side (`sign` 1 for lower bounds, -1 for upper ones). */
function tighter(
  strict: string | undefined,
  loose: string | undefined,
  sign: number,
): 'strict' | 'loose' | undefined {
  if (strict === undefined) return loose === undefined ? undefined : 'loose';
  if (loose === undefined) return 'strict';
  return sign * compareBytes(encodeText(strict), encodeText(loose)) >= 0 ? 'strict' : 'loose';
}

/**
 * The key range of an id range. The contract asks for records satisfying every bound given,
 * while abstract-level honours only one lower (`gte` before `gt`) and one upper bound, so the
 * tighter bound of each side is kept (the strict one when both name the same key).
 */
export function idKeyRange(range: IdRange): KeyRange {
  const out: KeyRange = { reverse: range.reverse === true, limit: levelLimit(range.limit) };
  const lower = tighter(range.gt, range.gte, 1);
  if (lower === 'strict') out.gt = textKey(range.gt!);
  else if (lower === 'loose') out.gte = textKey(range.gte!);
  const upper = tighter(range.lt, range.lte, -1);
  if (upper === 'strict') out.lt = textKey(range.lt!);
  else if (upper === 'loose') out.lte = textKey(range.lte!);
  return uniformBounds(out);
}

/** An iterator encodes every bound one way: if one is bytes, all become bytes. */
function uniformBounds(range: KeyRange): KeyRange {
  const bounds = ['gt', 'gte', 'lt', 'lte'] as const;
  if (bounds.every((b) => typeof range[b] !== 'object')) return range;
  for (const b of bounds) {
    const bound = range[b];
    if (bound !== undefined) range[b] = keyBytes(bound);
  }
  range.keyEncoding = 'view';
  return range;
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
