/** Bytes written per piece when a Buffer's JSON text is produced in pieces. */
const PIECE = 64 * 1024;

/** Whether `value` is a Node Buffer, whose JSON is `{"type":"Buffer","data":[…]}`. */
export function isNodeBuffer(value: unknown): value is Uint8Array {
  const B = (globalThis as { Buffer?: { isBuffer(v: unknown): boolean } }).Buffer;
  return B !== undefined && B.isBuffer(value);
}

/**
 * Calls `write` with the exact `JSON.stringify` text of a Buffer, piece by piece, so a large
 * attachment never becomes one giant string (PouchDB hashes this text into the revision id).
 */
export function writeBufferJson(buffer: Uint8Array, write: (part: string) => void): void {
  write('{"type":"Buffer","data":[');
  for (let at = 0; at < buffer.length; at += PIECE) {
    const piece = Array.prototype.join.call(buffer.subarray(at, at + PIECE), ',');
    write(at === 0 ? piece : `,${piece}`);
  }
  write(']}');
}
