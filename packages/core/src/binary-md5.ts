/**
 * MD5 digests of attachments and other binary input as PouchDB computes them: base64, as in
 * `md5-<base64>`. Native on Node; elsewhere {@link Md5Bytes}. A file of its own: only attachment
 * writes, replication ids and imports of PouchDB data use it, so bundles load it with them.
 *
 * @packageDocumentation
 */
import { Md5Bytes } from './md5-bytes.js';
import { binaryStringBytes, type NodeCrypto, nodeCrypto } from './md5-support.js';

/** Characters of a binary string turned into bytes at a time (bounded temporary arrays). */
const CHUNK_BYTES = 32 * 1024;

/** Bytes hashed between two yields to the event loop (about 4 ms of work). */
const YIELD_BYTES = 1024 * 1024;

/** What {@link binaryMd5} and {@link Md5Stream} accept. */
export type BinaryInput = ArrayBuffer | ArrayBufferView | Blob | string;

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
