/**
 * MD5 of text as PouchDB computes revision hashes (hex). Native on Node; elsewhere
 * {@link Md5Bytes}, a small pure-JavaScript MD5. Attachment digests are in binary-md5.ts, which
 * a page that writes no attachment never loads.
 *
 * @packageDocumentation
 */
import { Md5Bytes } from './md5-bytes.js';
import { binaryStringBytes, nodeCrypto } from './md5-support.js';

/**
 * Node's Buffer, to tell ASCII text: its UTF-8 length equals its length only then (any other
 * code unit takes 2 or 3 bytes). Several times cheaper than a regular expression scan.
 */
const NodeBuffer = (globalThis as { Buffer?: { byteLength(s: string, e: 'utf8'): number } }).Buffer;

/**
 * Longer strings are hashed a slice at a time: a hash fed a string first encodes all of it
 * into one new buffer, which for a document holding a large base64 attachment is a transient
 * copy as large as that text. A slice of a flat string shares its characters.
 */
const SLICE_CHARS = 1 << 20;

/**
 * MD5 of a string as lowercase hex, identical to PouchDB 9's `stringMd5` on Node, which hashes
 * `createHash('md5').update(string, 'binary')`: every UTF-16 code unit contributes ONE byte,
 * its low 8 bits (so `'é'` is byte 0xE9 and `'€'` (U+20AC) is byte 0xAC).
 *
 * This is what revision ids are made from. PouchDB's browser build instead hashes the UTF-8
 * bytes (spark-md5's `hash`), so the two PouchDB builds disagree for non-latin1 text; Satchel
 * follows the Node build everywhere so that one edit gives one revision on every platform.
 *
 * @param s - any string.
 * @returns 32 lowercase hex digits.
 */
export function stringMd5(s: string): string {
  // For short ASCII text UTF-8 and latin1 give the same bytes, so the one-shot digest applies.
  if (
    s.length < SLICE_CHARS &&
    nodeCrypto?.hash &&
    NodeBuffer?.byteLength(s, 'utf8') === s.length
  ) {
    return nodeCrypto.hash('md5', s, 'hex');
  }
  const md5 = createStringMd5();
  md5.update(s);
  return md5.hex();
}

/**
 * An MD5 fed piece by piece with binary strings, or with bytes standing for the binary string
 * of the same characters; `hex()` equals {@link stringMd5} of the whole.
 */
export interface StringMd5 {
  update(part: string | Uint8Array): void;
  hex(): string;
}

/** Starts an incremental {@link stringMd5}, for text too large to build as one string. */
export function createStringMd5(): StringMd5 {
  if (nodeCrypto) {
    const hash = nodeCrypto.createHash('md5') as unknown as {
      update(data: string | Uint8Array, encoding?: 'latin1'): void;
      digest(encoding: 'hex'): string;
    };
    return {
      update: (part) => {
        if (typeof part !== 'string') return hash.update(part);
        // latin1 keeps the low byte of each code unit: exactly PouchDB's 'binary' encoding.
        for (let at = 0; at < part.length; at += SLICE_CHARS) {
          hash.update(part.slice(at, at + SLICE_CHARS), 'latin1');
        }
      },
      hex: () => hash.digest('hex'),
    };
  }
  const md5 = new Md5Bytes();
  return {
    update: (part) => {
      if (typeof part !== 'string') return md5.update(part);
      for (let at = 0; at < part.length; at += SLICE_CHARS) {
        md5.update(binaryStringBytes(part, at, Math.min(SLICE_CHARS, part.length - at)));
      }
    },
    hex: () => toHex(md5.digest()),
  };
}

/** Lowercase hex of a digest. */
function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += (byte < 16 ? '0' : '') + byte.toString(16);
  return out;
}
