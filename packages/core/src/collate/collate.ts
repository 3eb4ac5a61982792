import { collationIndex, RANK_ARRAY } from './collation-index.js';
import { CYCLE_CHECK_DEPTH, CycleGuard } from './cycle-guard.js';
import { keptKeys } from './kept-keys.js';
import { normalizeShallow } from './normalize-shallow.js';

type Container = unknown[] | Record<string, unknown>;

/** Two containers of the same kind being compared member by member. */
interface PairFrame {
  readonly a: Container;
  readonly b: Container;
  /** Kept keys of each object; `undefined` for arrays. */
  readonly keysA: readonly string[] | undefined;
  readonly keysB: readonly string[] | undefined;
  /** Members both sides have. */
  readonly shared: number;
  /** The answer if all shared members are equal: the shorter side sorts first. */
  readonly tail: number;
  next: number;
}

/**
 * Compares two keys in CouchDB view order, exactly as pouchdb-collate 9's `collate`:
 * `null < false < true < numbers < strings < arrays < objects`. Numbers compare by value,
 * strings by UTF-16 code units (plain `<`, not CouchDB's ICU collation), arrays member by
 * member and then by length, objects pair by pair (key, then value) in key order and then by
 * size. Both keys are read as {@link normalizeKey} would make them, without copying them.
 *
 * The sign is the answer; the magnitude is whatever pouchdb-collate returns (the difference
 * of two numbers, of two type ranks, or ±1). Functions, symbols and bigints have no place in
 * the order: comparing one with anything but itself gives `NaN`, as in pouchdb-collate.
 * Unlike pouchdb-collate, two keys that both normalise to `null` (say `undefined` and `NaN`)
 * compare as `0` instead of throwing.
 *
 * Runs without recursion, so any depth is fine. Comparing two distinct circular keys throws
 * `TypeError`.
 */
export function collate(a: unknown, b: unknown): number {
  if (a === b) return 0;
  const x = normalizeShallow(a);
  const y = normalizeShallow(b);
  const rankX = collationIndex(x);
  const rankY = collationIndex(y);
  // NaN ranks (no place in the order) always land here, as NaN !== NaN.
  if (rankX !== rankY) return rankX - rankY;
  if (rankX < RANK_ARRAY) return compareScalars(x, y);
  return compareContainers(x as Container, y as Container);
}

/** Compares two normalised scalars of the same rank. */
function compareScalars(x: unknown, y: unknown): number {
  if (x === y) return 0;
  switch (typeof x) {
    case 'number':
      return x - (y as number);
    case 'boolean':
      return x < (y as boolean) ? -1 : 1;
    default:
      // Strings: code-unit order, the way pouchdb-collate compares them.
      return (x as string) > (y as string) ? 1 : -1;
  }
}

/** Walks two containers of the same kind in step, with an explicit stack. */
function compareContainers(rootA: Container, rootB: Container): number {
  const stack: PairFrame[] = [];
  let guard: CycleGuard | undefined;
  let frame = openFrame(rootA, rootB);
  for (;;) {
    if (frame.next === frame.shared) {
      if (frame.tail !== 0) return frame.tail;
      guard?.leave(frame.a, stack.length);
      const parent = stack.pop();
      if (parent === undefined) return 0;
      frame = parent;
      continue;
    }
    const index = frame.next++;
    let childA: unknown;
    let childB: unknown;
    if (frame.keysA === undefined) {
      childA = (frame.a as unknown[])[index];
      childB = (frame.b as unknown[])[index];
    } else {
      const keyA = frame.keysA[index]!;
      const keyB = frame.keysB![index]!;
      // Keys are strings: compare them before their values.
      if (keyA !== keyB) return keyA > keyB ? 1 : -1;
      childA = (frame.a as Record<string, unknown>)[keyA];
      childB = (frame.b as Record<string, unknown>)[keyB];
    }
    if (childA === childB) continue;
    const x = normalizeShallow(childA);
    const y = normalizeShallow(childB);
    const rankX = collationIndex(x);
    const rankY = collationIndex(y);
    if (rankX !== rankY) return rankX - rankY;
    if (rankX < RANK_ARRAY) {
      const order = compareScalars(x, y);
      if (order !== 0) return order;
      continue;
    }
    stack.push(frame);
    frame = openFrame(x as Container, y as Container);
    if (stack.length >= CYCLE_CHECK_DEPTH) {
      guard ??= new CycleGuard();
      guard.enter(frame.a, stack.length);
    }
  }
}

/** Prepares the step-by-step comparison of two arrays or of two objects. */
function openFrame(a: Container, b: Container): PairFrame {
  if (Array.isArray(a)) {
    const arrayB = b as unknown[];
    return frame(a, arrayB, undefined, undefined, a.length, arrayB.length);
  }
  const keysA = keptKeys(a);
  const keysB = keptKeys(b as Record<string, unknown>);
  return frame(a, b, keysA, keysB, keysA.length, keysB.length);
}

function frame(
  a: Container,
  b: Container,
  keysA: readonly string[] | undefined,
  keysB: readonly string[] | undefined,
  lengthA: number,
  lengthB: number,
): PairFrame {
  const shared = Math.min(lengthA, lengthB);
  const tail = lengthA === lengthB ? 0 : lengthA > lengthB ? 1 : -1;
  return { a, b, keysA, keysB, shared, tail, next: 0 };
}
