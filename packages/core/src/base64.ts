/** Node's Buffer when present; browsers use atob/btoa. */
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/**
 * Uint8Array's own base64 methods (Chrome 140, Firefox 133, Safari 18.2 and later), several
 * times faster than atob and btoa on large attachments. Looked up at each call.
 */
const Arrays = Uint8Array as {
  fromBase64?(text: string, options: { lastChunkHandling: 'strict' }): Uint8Array;
};

/** What strict decoding throws (callers give it their own error). */
const NOT_BASE64 = 'Attachment is not a valid base64 string';

/** Bytes per btoa chunk: keeps `String.fromCharCode` argument lists small. */
const CHUNK = 0x8000;

/**
 * Decodes base64 strictly, as PouchDB does on Node: the input must be exactly what encoding
 * its bytes gives back (padding and all), otherwise it throws.
 */
export function decodeBase64Strict(text: string): Uint8Array {
  if (NodeBuffer) {
    const bytes = NodeBuffer.from(text, 'base64');
    if (!encodesAs(bytes, text)) throw new Error(NOT_BASE64);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  if (Arrays.fromBase64) {
    // 'strict' wants the padding and its spare bits zero, but skips white space, which PouchDB
    // refuses: then fewer bytes come out than the text's length stands for.
    let bytes: Uint8Array;
    try {
      bytes = Arrays.fromBase64(text, { lastChunkHandling: 'strict' });
    } catch {
      throw new Error(NOT_BASE64);
    }
    if (base64Length(bytes.length) !== text.length) throw new Error(NOT_BASE64);
    return bytes;
  }
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new Error(NOT_BASE64);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (encodeBase64(bytes) !== text) throw new Error(NOT_BASE64);
  return bytes;
}

/** The length of the padded base64 text of `byteCount` bytes. */
function base64Length(byteCount: number): number {
  return Math.ceil(byteCount / 3) * 4;
}

/** Bytes re-encoded per comparison in {@link encodesAs}, and the text they give (1 MiB). */
const CHECK_BYTES = 3 * 0x40000;
const CHECK_CHARS = 4 * 0x40000;

/**
 * Whether encoding `bytes` gives `text` exactly. Node's decoder skips what is not base64 and
 * takes the URL-safe alphabet too, so only this tells strict input; it is compared a slice at
 * a time, since encoding a large attachment whole would hold a second copy of its text.
 */
function encodesAs(bytes: Buffer, text: string): boolean {
  if (base64Length(bytes.length) !== text.length) return false;
  for (let at = 0, from = 0; at < bytes.length; at += CHECK_BYTES, from += CHECK_CHARS) {
    if (bytes.toString('base64', at, at + CHECK_BYTES) !== text.slice(from, from + CHECK_CHARS)) {
      return false;
    }
  }
  return true;
}

/** Encodes bytes as standard padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  if (NodeBuffer)
    return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const native = (bytes as { toBase64?(): string }).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** ArrayBuffer's own `byteLength` getter: it throws for anything but an ArrayBuffer. */
const arrayBufferLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')
  ?.get as (this: unknown) => number;

/**
 * Whether `data` is an ArrayBuffer of this realm or of another one (an iframe, or a vm context
 * such as Jest's, where what Node's own APIs return fails `instanceof ArrayBuffer`).
 */
function isArrayBuffer(data: unknown): data is ArrayBuffer {
  if (data instanceof ArrayBuffer) return true;
  // The tag can be forged; the getter checks the real thing (and refuses a SharedArrayBuffer).
  if (Object.prototype.toString.call(data) !== '[object ArrayBuffer]') return false;
  try {
    arrayBufferLength.call(data);
    return true;
  } catch {
    return false;
  }
}

/** Whether `data` is a Blob (or File) of this realm or of another one. */
function isBlob(data: unknown): data is Blob {
  if (typeof Blob !== 'undefined' && data instanceof Blob) return true;
  const tag = Object.prototype.toString.call(data);
  return (
    (tag === '[object Blob]' || tag === '[object File]') &&
    typeof (data as Blob).arrayBuffer === 'function'
  );
}

/**
 * Whether `data` is binary input {@link toBytes} takes: a typed array, DataView, ArrayBuffer or
 * Blob, of this realm or of another one.
 */
export function isBinaryData(data: unknown): boolean {
  return ArrayBuffer.isView(data) || isArrayBuffer(data) || isBlob(data);
}

/** Turns any binary input a document may carry into bytes (without copying where possible). */
export async function toBytes(data: unknown): Promise<Uint8Array | undefined> {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  // Another realm's ArrayBuffer is copied: copies of a document (`clone`) share it, so the
  // bytes stored would otherwise change with the caller's buffer.
  if (isArrayBuffer(data)) return new Uint8Array(ArrayBuffer.prototype.slice.call(data, 0));
  if (isBlob(data)) {
    const buffer: unknown = await data.arrayBuffer();
    return isArrayBuffer(buffer) ? new Uint8Array(buffer) : undefined;
  }
  return undefined;
}

/** The binary form readers get: a Buffer (with `type`) on Node, a Blob in browsers. */
export function toBinaryOutput(bytes: Uint8Array, contentType: string | undefined): unknown {
  if (NodeBuffer) {
    const buf = NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as Buffer & {
      type?: string;
    };
    buf.type = contentType ?? '';
    return buf;
  }
  return new Blob([bytes as BlobPart], { type: contentType ?? '' });
}
