/**
 * Deep copies of documents with PouchDB 9's `clone` semantics, without recursion, so a
 * document nested 100,000 levels deep is copied instead of overflowing the stack.
 *
 * @packageDocumentation
 */

const objectCtorSource = Function.prototype.toString.call(Object);

/**
 * True for objects made by `{}`, `new Object()`, `Object.create(null)` or another realm's
 * `Object` (lodash's rule, which PouchDB uses): the only objects {@link clone} copies key by key.
 * @param value - any object.
 */
export function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return true;
  const Ctor = (proto as { constructor?: unknown }).constructor;
  return (
    typeof Ctor === 'function' &&
    Ctor instanceof Ctor &&
    Function.prototype.toString.call(Ctor) === objectCtorSource
  );
}

/**
 * %TypedArray%.prototype.slice: copies into the same species (a Buffer for a Buffer). Called
 * directly because Node's `Buffer.prototype.slice` is overridden to return a view, not a copy.
 */
const typedArraySlice = (Object.getPrototypeOf(Uint8Array.prototype) as Uint8Array).slice as (
  this: ArrayBufferView,
) => ArrayBufferView;

/** An object or array being filled: where its members come from and go to. */
interface Frame {
  readonly source: Record<string, unknown>;
  readonly target: Record<string, unknown>;
  /** The keys to copy, in order; `undefined` for arrays, which copy indexes `0 … length-1`. */
  readonly keys: readonly string[] | undefined;
  readonly length: number;
  next: number;
}

/** Copies binary data: a Buffer stays a Buffer, a Blob keeps its type. */
function copyBinary(value: object): object | undefined {
  if (value instanceof ArrayBuffer) return value.slice(0);
  if (ArrayBuffer.isView(value)) {
    if (value instanceof DataView) {
      const end = value.byteOffset + value.byteLength;
      return new DataView(value.buffer.slice(value.byteOffset, end));
    }
    return typedArraySlice.call(value);
  }
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    return value.slice(0, value.size, value.type);
  }
  return undefined;
}

/**
 * The copy of one value, or for an array/plain object an empty container whose members the
 * caller fills in (the second element tells it to).
 */
function copyOne(value: unknown): [copy: unknown, fill: boolean] {
  // -0 becomes 0, as a round trip through stored JSON gives it back on every backend.
  if (value === 0) return [0, false];
  if (!value || typeof value !== 'object') return [value, false];
  if (Array.isArray(value)) return [[], true];
  // PouchDB stores dates as their ISO string so that every backend returns the same thing.
  if (value instanceof Date) {
    return Number.isFinite(value.getTime()) ? [value.toISOString(), false] : [value, false];
  }
  if (isPlainObject(value)) return [{}, true];
  // Class instances, Maps, Workers…: shared, not copied, as in PouchDB.
  return [copyBinary(value) ?? value, false];
}

/** Starts filling `target` from `source`, refusing a source already being copied (a cycle). */
function pushFrame(stack: Frame[], open: Set<object>, source: object, target: object): void {
  if (open.has(source)) throw new TypeError('clone: cannot copy a circular structure');
  open.add(source);
  const array = Array.isArray(source);
  const keys = array ? undefined : Object.keys(source);
  stack.push({
    source: source as Record<string, unknown>,
    target: target as Record<string, unknown>,
    keys,
    length: array ? source.length : (keys?.length ?? 0),
    next: 0,
  });
}

/**
 * Deep-copies a document the way PouchDB 9's `clone` does:
 * - arrays and plain objects are copied member by member; an object member whose value is
 *   `undefined` is dropped, an array keeps its length (holes become `undefined`);
 * - a valid `Date` becomes its ISO string (an invalid one is kept as is);
 * - binary data is copied: ArrayBuffer, typed arrays (Buffer stays Buffer), DataView, Blob;
 * - any other object (class instance, Map…) and every primitive or function is kept as is.
 *
 * Differences from PouchDB: -0 becomes 0 (what any JSON-storing backend returns). And two on
 * inputs PouchDB mishandles: an own `__proto__` key is
 * dropped (PouchDB's copy turns it into the prototype, so it never reaches storage either),
 * and a circular structure throws `TypeError` (PouchDB overflows the stack).
 *
 * @param value - the document (or any value) to copy.
 * @returns the copy, typed as the input for convenience although dates become strings.
 */
export function clone<T>(value: T): T {
  try {
    return copyRecursively(value, FAST_DEPTH) as T;
  } catch (err) {
    // A RangeError may be the stack running out under a caller that was already deep.
    if (err !== TOO_DEEP && !(err instanceof RangeError)) throw err;
    return cloneIteratively(value);
  }
}

/**
 * How deep the recursive copy goes before handing over to the iterative one, which starts
 * again from the root (so getters of such deep input run twice). Documents are almost always
 * shallow; a cycle also ends here, and the iterative copy then reports it.
 */
const FAST_DEPTH = 48;

/** Thrown (never escapes) when the recursive copy runs out of depth budget. */
const TOO_DEEP = Symbol('too deep');

/**
 * The recursive copy behind {@link clone}, with the same rules as {@link copyOne} and
 * {@link copyNextMember}. Recursion avoids the frames and the cycle set the iterative copy
 * needs, which makes it several times cheaper on ordinary documents.
 */
function copyRecursively(value: unknown, depth: number): unknown {
  if (value === 0) return 0;
  if (!value || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (depth === 0) throw TOO_DEEP;
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(copyRecursively(value[i], depth - 1));
    return out;
  }
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : value;
  if (!isPlainObject(value)) return copyBinary(value) ?? value;
  if (depth === 0) throw TOO_DEEP;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const member = source[key];
    if (member === undefined || key === '__proto__') continue;
    out[key] = copyRecursively(member, depth - 1);
  }
  return out;
}

/** The stack-safe copy: any depth, and a cycle throws `TypeError`. */
function cloneIteratively<T>(value: T): T {
  const [root, fill] = copyOne(value);
  if (!fill) return root as T;
  const stack: Frame[] = [];
  const open = new Set<object>();
  pushFrame(stack, open, value as object, root as object);
  for (let frame = stack.at(-1); frame; frame = stack.at(-1)) {
    if (frame.next >= frame.length) {
      stack.pop();
      open.delete(frame.source);
      continue;
    }
    copyNextMember(frame, stack, open);
  }
  return root as T;
}

/** Copies the next member of `frame`, pushing a new frame when it is a container. */
function copyNextMember(frame: Frame, stack: Frame[], open: Set<object>): void {
  const index = frame.next++;
  const key = frame.keys ? frame.keys[index]! : index;
  const member = frame.source[key];
  // PouchDB drops undefined object members but keeps them in arrays.
  if (frame.keys && (member === undefined || key === '__proto__')) return;
  const [copy, fill] = copyOne(member);
  frame.target[key] = copy;
  if (fill) pushFrame(stack, open, member as object, copy as object);
}
