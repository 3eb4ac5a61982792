import {
  collationIndex,
  RANK_ARRAY,
  RANK_BOOLEAN,
  RANK_NULL,
  RANK_NUMBER,
  RANK_STRING,
} from './collation-index.js';
import { CYCLE_CHECK_DEPTH, CycleGuard } from './cycle-guard.js';
import { keptKeys } from './kept-keys.js';
import { normalizeShallow } from './normalize-shallow.js';
import { encodeNumber } from './number-encoding.js';
import { escapeString } from './string-escaping.js';

type Container = unknown[] | Record<string, unknown>;

/** A container being written: its members and which comes next. */
interface WriteFrame {
  readonly container: Container;
  /** Kept keys for an object; `undefined` for an array. */
  readonly keys: readonly string[] | undefined;
  readonly length: number;
  next: number;
}

/** Ends every value, and the member list of every container; sorts below every other unit. */
const END = '\u0000';
/**
 * What pouchdb-collate writes for the rank of a function, symbol or bigint: it concatenates
 * an `undefined` rank. Kept so that such keys encode identically.
 */
const NO_RANK = 'undefined';

/**
 * Encodes a key as a string whose plain `<` order is the {@link collate} order, byte for byte
 * the string pouchdb-collate 9's `toIndexableString` produces (PouchDB stores these in its
 * map/reduce view indexes). The key is normalised first, as by {@link normalizeKey}.
 *
 * Each value is its rank digit (`1` null … `6` object) followed by its body and U+0000:
 * booleans `0`/`1`, numbers in the number encoding, strings with U+0000–U+0002 escaped,
 * arrays their items, objects their keys and values alternately. The order matches
 * `collate` except that some distinct numbers encode alike (see the number encoding), so
 * the strings may tie where `collate` does not; they never disagree on direction.
 *
 * Runs without recursion, so any depth is fine. A circular key throws `TypeError`.
 */
export function toIndexableString(key: unknown): string {
  const value = normalizeShallow(key);
  const rank = collationIndex(value);
  // Written as a negation so that NaN (no rank) takes the scalar path too.
  if (!(rank >= RANK_ARRAY)) return encodeScalar(value, rank) + END;
  return encodeContainer(value as Container, rank);
}

/** Rank digit and body of a normalised scalar (or of a value with no rank). */
function encodeScalar(value: unknown, rank: number): string {
  switch (rank) {
    case RANK_NULL:
      return '1';
    case RANK_BOOLEAN:
      return value ? '21' : '20';
    case RANK_NUMBER:
      return `3${encodeNumber(value as number)}`;
    case RANK_STRING:
      return `4${escapeString(value as string)}`;
    default:
      return NO_RANK;
  }
}

/** Writes a container and everything in it, depth first, with an explicit stack. */
function encodeContainer(root: Container, rank: number): string {
  const stack: WriteFrame[] = [];
  let guard: CycleGuard | undefined;
  let frame = openFrame(root);
  let out = String(rank);
  for (;;) {
    if (frame.next === frame.length) {
      out += END;
      guard?.leave(frame.container, stack.length);
      const parent = stack.pop();
      if (parent === undefined) return out;
      frame = parent;
      continue;
    }
    const index = frame.next++;
    let child: unknown;
    if (frame.keys === undefined) {
      child = (frame.container as unknown[])[index];
    } else {
      const key = frame.keys[index]!;
      out += `4${escapeString(key)}${END}`;
      child = (frame.container as Record<string, unknown>)[key];
    }
    const value = normalizeShallow(child);
    const childRank = collationIndex(value);
    if (!(childRank >= RANK_ARRAY)) {
      out += encodeScalar(value, childRank) + END;
      continue;
    }
    out += String(childRank);
    stack.push(frame);
    frame = openFrame(value as Container);
    if (stack.length >= CYCLE_CHECK_DEPTH) {
      guard ??= new CycleGuard();
      guard.enter(frame.container, stack.length);
    }
  }
}

function openFrame(container: Container): WriteFrame {
  if (Array.isArray(container)) {
    return { container, keys: undefined, length: container.length, next: 0 };
  }
  const keys = keptKeys(container);
  return { container, keys, length: keys.length, next: 0 };
}
