import { CYCLE_CHECK_DEPTH, CycleGuard } from './cycle-guard.js';
import { keptKeys } from './kept-keys.js';
import { normalizeShallow } from './normalize-shallow.js';

type Container = unknown[] | Record<string, unknown>;

/** A source container being copied: where its copy goes and which member comes next. */
interface CopyFrame {
  readonly source: Container;
  readonly copy: Container;
  /** Kept keys for an object; `undefined` for an array. */
  readonly keys: readonly string[] | undefined;
  /** Member count, read once as pouchdb-collate does. */
  readonly length: number;
  next: number;
}

/**
 * Brings a key into the form CouchDB collates, exactly as pouchdb-collate 9's `normalizeKey`:
 * `undefined`, `NaN` and `±Infinity` become `null`; a `Date` becomes its `toJSON()` string;
 * arrays and objects are copied with every member normalised (array holes and `undefined`
 * items become `null`, object members whose value is `undefined` are dropped, as is a
 * `"__proto__"` member). Other values, including functions, symbols and bigints, come back
 * unchanged. Containers are always fresh copies; the input is never modified.
 *
 * Runs without recursion, so any depth is fine. A circular key throws `TypeError`.
 *
 * @param key - any value.
 * @returns the normalised key (a `CollationKey` for JSON-like input).
 */
export function normalizeKey(key: unknown): unknown {
  const value = normalizeShallow(key);
  if (typeof value !== 'object' || value === null) return value;
  const root = emptyCopy(value as Container);
  copyMembers(openFrame(value as Container, root));
  return root;
}

/** Fills every copy reachable from `rootFrame`, depth first, with an explicit stack. */
function copyMembers(rootFrame: CopyFrame): void {
  let stack: CopyFrame[] | undefined;
  let guard: CycleGuard | undefined;
  let frame = rootFrame;
  for (;;) {
    const child = copyUntilContainer(frame);
    if (child === undefined) {
      // `frame` is complete: resume its parent.
      const depth = stack === undefined ? 0 : stack.length;
      guard?.leave(frame.source, depth);
      const parent = stack?.pop();
      if (parent === undefined) return;
      frame = parent;
      continue;
    }
    stack ??= [];
    stack.push(frame);
    if (stack.length >= CYCLE_CHECK_DEPTH) {
      guard ??= new CycleGuard();
      guard.enter(child.source, stack.length);
    }
    frame = child;
  }
}

/**
 * Copies members of `frame` in order until it meets a container, which gets an empty copy
 * stored in its place (so member order is kept) and is returned as a frame to fill next.
 * Returns `undefined` once every member is copied.
 */
function copyUntilContainer(frame: CopyFrame): CopyFrame | undefined {
  const { source, copy, keys, length } = frame;
  while (frame.next < length) {
    const index = frame.next++;
    const key = keys === undefined ? index : keys[index]!;
    const value = normalizeShallow((source as Record<string | number, unknown>)[key]);
    if (typeof value !== 'object' || value === null) {
      (copy as Record<string | number, unknown>)[key] = value;
      continue;
    }
    const childCopy = emptyCopy(value as Container);
    (copy as Record<string | number, unknown>)[key] = childCopy;
    return openFrame(value as Container, childCopy);
  }
  return undefined;
}

function emptyCopy(source: Container): Container {
  return Array.isArray(source) ? [] : {};
}

function openFrame(source: Container, copy: Container): CopyFrame {
  if (Array.isArray(source)) {
    return { source, copy, keys: undefined, length: source.length, next: 0 };
  }
  const keys = keptKeys(source);
  return { source, copy, keys, length: keys.length, next: 0 };
}
