import type { CollationKey } from './collation-key.js';
import { decodeNumber } from './number-encoding.js';
import { unescapeString } from './string-escaping.js';

type Container = CollationKey[] | { [key: string]: CollationKey };

const END = 0;
const TAG_NULL = 0x31;
const TAG_BOOLEAN = 0x32;
const TAG_NUMBER = 0x33;
const TAG_STRING = 0x34;
const TAG_ARRAY = 0x35;
const TAG_OBJECT = 0x36;
const CHAR_1 = 0x31;
/** Marks an open object that is waiting for a key rather than a value. */
const NO_KEY: unique symbol = Symbol('no key');

/**
 * Reads back a string written by {@link toIndexableString}, as pouchdb-collate 9's
 * `parseIndexableString` does: the result equals `normalizeKey` of the encoded key, except
 * that `-0` reads as `0` and numbers the encoding cannot hold exactly read as pouchdb-collate
 * reads them (`-12` as `-11.999999999999993`). Anything after the first complete value is
 * ignored.
 *
 * Runs without recursion, so any depth is fine.
 *
 * @throws Error when `text` is not an indexable string (pouchdb-collate throws too, or loops
 *   forever on a missing terminator).
 */
export function parseIndexableString(text: string): CollationKey {
  const open: Container[] = [];
  // For each open object, the key read but not yet given a value.
  const pending: Array<CollationKey | typeof NO_KEY> = [];
  let i = 0;
  for (;;) {
    const tag = text.charCodeAt(i++);
    let value: CollationKey;
    if (tag === TAG_ARRAY || tag === TAG_OBJECT) {
      open.push(tag === TAG_ARRAY ? [] : {});
      pending.push(NO_KEY);
      continue;
    }
    if (tag === END) {
      pending.pop();
      const closed = open.pop();
      // pouchdb-collate skips stray terminators before the first value; so do we.
      if (closed === undefined) continue;
      value = closed;
    } else {
      const end = text.indexOf('\u0000', i);
      if (end === -1) throw malformed(text, i - 1);
      value = readScalar(tag, text, i, end);
      i = end + 1;
    }
    const parent = open[open.length - 1];
    if (parent === undefined) return value;
    attach(parent, pending, value);
  }
}

/** Decodes the body of a scalar that starts at `start` and ends before `end`. */
function readScalar(tag: number, text: string, start: number, end: number): CollationKey {
  switch (tag) {
    case TAG_NULL:
      return null;
    case TAG_BOOLEAN:
      return text.charCodeAt(start) === CHAR_1;
    case TAG_NUMBER:
      return decodeNumber(text.slice(start, end));
    case TAG_STRING:
      return unescapeString(text.slice(start, end));
    default:
      throw malformed(text, start - 1);
  }
}

/** Adds a finished value to the innermost open container: an item, an object key or its value. */
function attach(
  parent: Container,
  pending: Array<CollationKey | typeof NO_KEY>,
  value: CollationKey,
): void {
  if (Array.isArray(parent)) {
    parent.push(value);
    return;
  }
  const last = pending.length - 1;
  const key = pending[last];
  if (key === NO_KEY) {
    pending[last] = value;
    return;
  }
  pending[last] = NO_KEY;
  const name = String(key);
  // Never written by the encoder (normalisation drops it); assigning it would set a prototype.
  if (name !== '__proto__') parent[name] = value;
}

function malformed(text: string, at: number): Error {
  const found = at < text.length ? JSON.stringify(text[at]) : 'end of input';
  return new Error(`Not an indexable string: unexpected ${found} at offset ${at}`);
}
