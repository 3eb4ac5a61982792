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
  // For ASCII text UTF-8 and latin1 give the same bytes, so the one-shot digest applies.
  if (nodeCrypto?.hash && NodeBuffer?.byteLength(s, 'utf8') === s.length) {
    return nodeCrypto.hash('md5', s, 'hex');
  }
  // latin1 keeps the low byte of each code unit: exactly PouchDB's 'binary' encoding.
  if (nodeCrypto) return nodeCrypto.createHash('md5').update(s, 'latin1').digest('hex');
  return toHex(new Md5Bytes().update(binaryStringBytes(s, 0, s.length)).digest());
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
      update: (part) =>
        typeof part === 'string' ? hash.update(part, 'latin1') : hash.update(part),
      hex: () => hash.digest('hex'),
    };
  }
  const md5 = new Md5Bytes();
  return {
    update: (part) => {
      md5.update(typeof part === 'string' ? binaryStringBytes(part, 0, part.length) : part);
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
