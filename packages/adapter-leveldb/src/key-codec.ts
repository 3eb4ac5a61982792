/**
 * Byte encodings of the keys the LevelDB engine stores.
 *
 * LevelDB orders keys by their bytes. Document ids are stored as UTF-8, whose byte order is
 * Unicode code-point order: the order the Engine contract asks `scanDocs` for, and the order
 * PouchDB's LevelDB adapter gives `allDocs`. (JavaScript's `<` compares UTF-16 code units
 * instead; the two differ only between astral characters and U+E000–U+FFFF.)
 *
 * Ids may hold lone surrogates, which UTF-8 cannot represent (`TextEncoder` would turn them all
 * into U+FFFD, so distinct ids would collide). They are written as WTF-8: the 3-byte form of
 * the surrogate's own value. That keeps the encoding injective and code-point ordered, a lone
 * surrogate sorting as its value (between U+D7FF and U+E000).
 *
 * @packageDocumentation
 */

/** Matches a lone surrogate only: with the `u` flag a valid pair is one code point. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

const utf8 = new TextEncoder();

/** Node's `Buffer.from` is faster than `TextEncoder` for the short strings keys are. */
const nodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/**
 * The bytes of `text`: UTF-8 when it is well formed, WTF-8 when it holds lone surrogates.
 * @param text - any JavaScript string.
 */
export function encodeText(text: string): Uint8Array {
  if (LONE_SURROGATE.test(text)) return wtf8(text);
  return nodeBuffer ? nodeBuffer.from(text, 'utf8') : utf8.encode(text);
}

/** WTF-8: UTF-8 extended to encode each lone surrogate as its 3-byte sequence. */
function wtf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    n = writeCodePoint(out, n, cp);
  }
  return out.subarray(0, n);
}

/** Writes one code point (or lone surrogate) in UTF-8 form at `at`; returns the next offset. */
function writeCodePoint(out: Uint8Array, at: number, cp: number): number {
  if (cp < 0x80) {
    out[at] = cp;
    return at + 1;
  }
  if (cp < 0x800) {
    out[at] = 0xc0 | (cp >> 6);
    out[at + 1] = 0x80 | (cp & 0x3f);
    return at + 2;
  }
  if (cp < 0x10000) {
    out[at] = 0xe0 | (cp >> 12);
    out[at + 1] = 0x80 | ((cp >> 6) & 0x3f);
    out[at + 2] = 0x80 | (cp & 0x3f);
    return at + 3;
  }
  out[at] = 0xf0 | (cp >> 18);
  out[at + 1] = 0x80 | ((cp >> 12) & 0x3f);
  out[at + 2] = 0x80 | ((cp >> 6) & 0x3f);
  out[at + 3] = 0x80 | (cp & 0x3f);
  return at + 4;
}

/**
 * The string `encodeText` made `bytes` from (the inverse of WTF-8). Keys are never decoded on
 * the read path (records carry their id); this serves tests and tools.
 * @param bytes - output of {@link encodeText}.
 */
export function decodeText(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const size = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    let cp = size === 1 ? b : b & (0xff >> (size + 1));
    for (let k = 1; k < size; k++) cp = (cp << 6) | (bytes[i + k]! & 0x3f);
    out += String.fromCharCode(...(cp >= 0x10000 ? surrogatePair(cp) : [cp]));
    i += size;
  }
  return out;
}

function surrogatePair(cp: number): [number, number] {
  const v = cp - 0x10000;
  return [0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff)];
}

/** Separates the escaped id from the revision in a revision key; never occurs in the id part. */
const SEPARATOR = 0x00;
/** Starts a two-byte escape in the id part of a revision key. */
const ESCAPE = 0x01;

/**
 * The key of one revision body: the id's bytes with 0x00 and 0x01 escaped (0x00 → 01 01,
 * 0x01 → 01 02), then 0x00, then the revision's bytes. The id part never contains 0x00, so
 * the first 0x00 ends it and no (id, rev) pair can produce another pair's key, whatever
 * characters either holds. The escape keeps code-point order, so one document's revisions are
 * stored next to each other.
 * @param id - document id.
 * @param rev - revision id (`N-hash`, but any string is safe).
 */
export function revKey(id: string, rev: string): Uint8Array {
  const idBytes = escapeSeparator(encodeText(id));
  const revBytes = encodeText(rev);
  const key = new Uint8Array(idBytes.length + 1 + revBytes.length);
  key.set(idBytes, 0);
  key[idBytes.length] = SEPARATOR;
  key.set(revBytes, idBytes.length + 1);
  return key;
}

/** Escapes 0x00 and 0x01; returns the input itself when it holds neither (the usual case). */
function escapeSeparator(bytes: Uint8Array): Uint8Array {
  let count = 0;
  for (const b of bytes) if (b <= ESCAPE) count++;
  if (count === 0) return bytes;
  const out = new Uint8Array(bytes.length + count);
  let n = 0;
  for (const b of bytes) {
    if (b <= ESCAPE) {
      out[n++] = ESCAPE;
      out[n++] = b + 1;
    } else {
      out[n++] = b;
    }
  }
  return out;
}

/** Splits a revision key back into its id and revision (for tests and tools). */
export function parseRevKey(key: Uint8Array): { id: string; rev: string } {
  const sep = key.indexOf(SEPARATOR);
  const escaped = key.subarray(0, sep);
  const idBytes: number[] = [];
  for (let i = 0; i < escaped.length; i++) {
    const b = escaped[i]!;
    idBytes.push(b === ESCAPE ? escaped[++i]! - 1 : b);
  }
  return { id: decodeText(Uint8Array.from(idBytes)), rev: decodeText(key.subarray(sep + 1)) };
}

const TWO_POW_32 = 2 ** 32;

/**
 * The key of a sequence number: 8 bytes, big-endian, so byte order is numeric order for every
 * seq up to `Number.MAX_SAFE_INTEGER`.
 * @param seq - a non-negative integer.
 */
export function seqKey(seq: number): Uint8Array {
  const key = new Uint8Array(8);
  const view = new DataView(key.buffer);
  view.setUint32(0, Math.floor(seq / TWO_POW_32));
  view.setUint32(4, seq >>> 0);
  return key;
}

/** The sequence number a {@link seqKey} encodes. */
export function parseSeqKey(key: Uint8Array): number {
  const view = new DataView(key.buffer, key.byteOffset, key.byteLength);
  return view.getUint32(0) * TWO_POW_32 + view.getUint32(4);
}
