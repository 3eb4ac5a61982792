/**
 * MD5 digests as PouchDB computes them: hex for revision hashes, base64 for attachment
 * digests (`md5-<base64>`). Native on Node; elsewhere {@link Md5Bytes}, a small pure-JavaScript MD5.
 *
 * @packageDocumentation
 */
import { Md5Bytes } from './md5-bytes.js';

/** Characters of a binary string turned into bytes at a time (bounded temporary arrays). */
const CHUNK_BYTES = 32 * 1024;

/** Bytes hashed between two yields to the event loop (about 4 ms of work). */
const YIELD_BYTES = 1024 * 1024;

/** Any code unit outside ASCII. */
const NON_ASCII = /[\u0080-\uffff]/;

/** The part of Node's crypto module used here. */
interface NodeCrypto {
  createHash(algorithm: 'md5'): {
    update(
      data: string | Uint8Array,
      encoding?: 'latin1',
    ): { digest(encoding: 'hex' | 'base64'): string };
  };
  /** One-shot digest of UTF-8 text (Node 20.12+); cheaper than createHash for short input. */
  hash?(algorithm: 'md5', data: string, outputEncoding: 'hex'): string;
}

/**
 * Node's native MD5 when running on Node (several times faster than JavaScript on large input),
 * found without importing `node:crypto`, so browser bundles stay free of Node modules.
 */
const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

/** What {@link binaryMd5} and {@link Md5Stream} accept. */
export type BinaryInput = ArrayBuffer | ArrayBufferView | Blob | string;

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
  if (nodeCrypto?.hash && !NON_ASCII.test(s)) return nodeCrypto.hash('md5', s, 'hex');
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

/**
 * Views any binary input (except Blob) as a plain Uint8Array, without copying it. Plain,
 * because a Node Buffer's `slice` returns a view where Uint8Array's returns a copy.
 */
function asBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (ArrayBuffer.isView(data)) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  return new Uint8Array(data);
}

/** Lowercase hex of a digest. */
function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += (byte < 16 ? '0' : '') + byte.toString(16);
  return out;
}

/** Encodes `count` characters of a binary string from `start` as bytes (low byte of each). */
function binaryStringBytes(s: string, start: number, count: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(count);
  for (let i = 0; i < count; i++) bytes[i] = s.charCodeAt(start + i) & 0xff;
  return bytes;
}

/** True for a Blob (or File), without requiring the global `Blob` to exist. */
function isBlob(data: unknown): data is Blob {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as Blob).arrayBuffer === 'function' &&
    typeof (data as Blob).size === 'number'
  );
}

/**
 * Incremental MD5 over binary chunks, ending in a base64 digest (attachment digests are
 * `'md5-' + end()`). Chunks may be any size; bytes are hashed in place, never copied.
 */
export class Md5Stream {
  #md5: Md5Bytes | undefined = new Md5Bytes();

  /**
   * Adds bytes. Strings are binary strings: each code unit is one byte (its low 8 bits), as
   * with Node's `'binary'` encoding.
   * @param chunk - bytes to hash next.
   * @returns this stream, for chaining.
   */
  append(chunk: ArrayBuffer | ArrayBufferView | string): this {
    const md5 = this.#live();
    if (typeof chunk === 'string') {
      for (let at = 0; at < chunk.length; at += CHUNK_BYTES) {
        md5.update(binaryStringBytes(chunk, at, Math.min(CHUNK_BYTES, chunk.length - at)));
      }
      return this;
    }
    md5.update(asBytes(chunk));
    return this;
  }

  /**
   * Finishes the digest. The stream cannot be used afterwards.
   * @returns the MD5 digest in base64 (24 characters).
   */
  end(): string {
    const md5 = this.#live();
    this.#md5 = undefined;
    return btoa(String.fromCharCode(...md5.digest()));
  }

  #live(): Md5Bytes {
    if (!this.#md5) throw new Error('Md5Stream: already ended');
    return this.#md5;
  }
}

/** Lets other work run between slices of a long hash (setImmediate where it exists). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

/** Hashes in-memory bytes or a binary string, yielding after every {@link YIELD_BYTES}. */
async function appendInSlices(md5: Md5Stream, data: Uint8Array | string): Promise<void> {
  for (let at = 0; at < data.length; at += YIELD_BYTES) {
    if (at > 0) await yieldToEventLoop();
    const end = at + YIELD_BYTES;
    md5.append(typeof data === 'string' ? data.slice(at, end) : data.subarray(at, end));
  }
}

/** Native MD5 of bytes in slices, yielding between them like the JavaScript path does. */
async function nativeBinaryMd5(crypto: NodeCrypto, bytes: Uint8Array): Promise<string> {
  const hash = crypto.createHash('md5');
  // Native hashing is several times faster, so it takes bigger slices per yield.
  const slice = YIELD_BYTES * 4;
  let last = hash.update(bytes.subarray(0, slice));
  for (let at = slice; at < bytes.length; at += slice) {
    await yieldToEventLoop();
    last = hash.update(bytes.subarray(at, at + slice));
  }
  return last.digest('base64');
}

/** Hashes a Blob one slice at a time, so it is never read into memory whole. */
async function appendBlob(md5: Md5Stream, blob: Blob): Promise<void> {
  for (let at = 0; at < blob.size; at += YIELD_BYTES) {
    md5.append(await blob.slice(at, at + YIELD_BYTES).arrayBuffer());
  }
}

/**
 * MD5 of binary data as base64, identical to PouchDB 9's `binaryMd5` (attachment digests are
 * `'md5-' + result`). Large inputs are hashed in slices with a yield to the event loop between
 * them, so multi-megabyte attachments do not block other work; nothing is copied whole.
 *
 * @param data - bytes, a Blob, or a binary string (one byte per code unit, its low 8 bits).
 * @returns the digest in base64 (24 characters).
 */
export async function binaryMd5(data: BinaryInput): Promise<string> {
  if (nodeCrypto && typeof data !== 'string' && !isBlob(data))
    return nativeBinaryMd5(nodeCrypto, asBytes(data));
  const md5 = new Md5Stream();
  if (typeof data === 'string') await appendInSlices(md5, data);
  else if (isBlob(data)) await appendBlob(md5, data);
  else await appendInSlices(md5, asBytes(data));
  return md5.end();
}
