/**
 * JSON that does not overflow the call stack. Native `JSON.stringify` recurses and throws
 * `RangeError` at a few thousand levels of nesting (about 5,000 in Node 20), yet CouchDB and
 * PouchDB users do store such documents. {@link stringify} gives byte-identical output at any
 * depth; {@link parse} wraps `JSON.parse`, which V8 already runs without recursion.
 *
 * @packageDocumentation
 */

import * as Errors from './error-templates.js';
import { createError } from './errors.js';

/** An object being written: its keys, the next one to visit, and whether one was written. */
interface ObjectFrame {
  readonly container: Record<string, unknown>;
  readonly keys: readonly string[];
  next: number;
  wrote: boolean;
}

/** An array being written: its length (read once, as the spec does) and the next index. */
interface ArrayFrame {
  readonly container: readonly unknown[];
  readonly length: number;
  next: number;
}

type Frame = ObjectFrame | ArrayFrame;

/** A value after `toJSON` and unboxing: text to emit, a container to enter, or nothing. */
type Prepared = string | object | undefined;

/**
 * Serialises `value` exactly as `JSON.stringify(value)` would (no replacer, no indentation):
 * same `toJSON` calls with the same keys, boxed primitives unwrapped, `undefined`/functions/
 * symbols dropped from objects and written as `null` in arrays, `NaN`/`Infinity` as `null`,
 * the same string escaping, `TypeError` on cycles and BigInts, and `undefined` for a root that
 * has no JSON form (typed `string` like the standard library's `JSON.stringify`).
 *
 * The native serialiser runs first (it is the fastest); only when it runs out of stack does an
 * iterative serialiser take over. Getters and `toJSON` methods therefore run twice on such
 * deep input, once per attempt.
 *
 * @param value - anything `JSON.stringify` accepts.
 */
export function stringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (err) {
    // A RangeError here means "too deep for the native recursion" (or an output too long to be
    // a string, which the iterative pass reports again on its own).
    if (!(err instanceof RangeError)) throw err;
    try {
      return stringifyIteratively(value) as string;
    } catch (again) {
      // Longer than the longest string the engine can make (about 512 MB in V8).
      if (again instanceof RangeError) {
        throw createError(Errors.DOC_TOO_LARGE);
      }
      throw again;
    }
  }
}

/**
 * The iterative serialiser behind {@link stringify}: an explicit stack of frames replaces the
 * recursion, visiting values in the same depth-first order as the native one. Exported for
 * tests and for callers who know their input is deep.
 *
 * @param value - anything `JSON.stringify` accepts.
 * @returns the JSON text, or `undefined` when the root has no JSON form.
 */
export function stringifyIteratively(value: unknown): string | undefined {
  const root = prepare(value, '');
  if (typeof root !== 'object') return root;
  const open = new Set<object>();
  const stack: Frame[] = [];
  let out = enter(root, stack, open);
  for (let frame = stack.at(-1); frame; frame = stack.at(-1)) {
    out += 'keys' in frame ? stepObject(frame, stack, open) : stepArray(frame, stack, open);
  }
  return out;
}

/** Writes the next member of an object (or its closing brace) and returns the text. */
function stepObject(frame: ObjectFrame, stack: Frame[], open: Set<object>): string {
  while (frame.next < frame.keys.length) {
    const key = frame.keys[frame.next++]!;
    const value = prepare(frame.container[key], key);
    if (value === undefined) continue;
    const head = `${frame.wrote ? ',' : ''}${JSON.stringify(key)}:`;
    frame.wrote = true;
    return head + (typeof value === 'string' ? value : enter(value, stack, open));
  }
  return leave(stack, open, '}');
}

/** Writes the next element of an array (or its closing bracket) and returns the text. */
function stepArray(frame: ArrayFrame, stack: Frame[], open: Set<object>): string {
  if (frame.next >= frame.length) return leave(stack, open, ']');
  const index = frame.next++;
  const value = prepare(frame.container[index], String(index));
  const head = index > 0 ? ',' : '';
  if (value === undefined) return `${head}null`;
  return head + (typeof value === 'string' ? value : enter(value, stack, open));
}

/** Opens a container: checks for a cycle, pushes its frame, returns `{` or `[`. */
function enter(container: object, stack: Frame[], open: Set<object>): string {
  if (open.has(container)) {
    throw new TypeError('Converting circular structure to JSON');
  }
  open.add(container);
  if (Array.isArray(container)) {
    stack.push({ container, length: container.length, next: 0 });
    return '[';
  }
  const record = container as Record<string, unknown>;
  stack.push({ container: record, keys: Object.keys(record), next: 0, wrote: false });
  return '{';
}

/** Closes the innermost container and returns its closing character. */
function leave(stack: Frame[], open: Set<object>, close: string): string {
  const frame = stack.pop()!;
  open.delete(frame.container);
  return close;
}

/**
 * The spec's SerializeJSONProperty up to the point of recursion: applies `toJSON(key)`,
 * unwraps boxed primitives, and returns JSON text for a primitive, the object itself for a
 * container, or `undefined` when the value is skipped.
 */
function prepare(value: unknown, key: string): Prepared {
  const type = typeof value;
  // Functions are objects too: the spec asks them for toJSON before dropping them.
  if ((type === 'object' && value !== null) || type === 'function' || type === 'bigint') {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = toJSON.call(value, key);
  }
  if (typeof value === 'object' && value !== null) value = unbox(value);
  return primitiveText(value);
}

/** JSON text for a primitive; the container itself for an object; `undefined` if skipped. */
function primitiveText(value: unknown): Prepared {
  switch (typeof value) {
    case 'string':
      // Native quoting of a string never recurses and has the exact escaping rules.
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      return value === null ? 'null' : (value as object);
    default:
      // undefined, functions and symbols have no JSON form.
      return undefined;
  }
}

/** Runs `probe` on `value`; true if it did not throw (i.e. `value` has that internal slot). */
function hasSlot(probe: (this: unknown) => unknown, value: object): boolean {
  try {
    probe.call(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Unwraps `new Number/String/Boolean/Object(bigint)` as the spec does: Number and String via
 * ToNumber/ToString (so overridden `valueOf`/`toString` are honoured), Boolean and BigInt from
 * their internal value. Plain objects and arrays skip the probing.
 */
function unbox(value: object): unknown {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === Array.prototype || proto === null) return value;
  if (hasSlot(Number.prototype.valueOf, value)) return Number(value);
  if (hasSlot(String.prototype.valueOf, value)) return String(value);
  if (hasSlot(Boolean.prototype.valueOf, value)) return Boolean.prototype.valueOf.call(value);
  if (hasSlot(BigInt.prototype.valueOf, value)) return BigInt.prototype.valueOf.call(value);
  return value;
}

/**
 * Parses JSON text like `JSON.parse` (which is already safe for deep nesting), but a syntax
 * error names what went wrong and shows the start of the offending text.
 *
 * @param text - JSON text.
 * @throws SyntaxError with `cause` set to the native error.
 */
export function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const shown = typeof text === 'string' ? text.slice(0, 60) : String(text);
    const detail = err instanceof Error ? err.message : String(err);
    throw new SyntaxError(`Invalid JSON (${detail}) in: ${JSON.stringify(shown)}`, {
      cause: err,
    });
  }
}
