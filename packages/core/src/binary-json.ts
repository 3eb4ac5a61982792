/** Bytes written per piece when a Buffer's JSON text is produced in pieces. */
const PIECE = 64 * 1024;

/** Whether `value` is a Node Buffer, whose JSON is `{"type":"Buffer","data":[…]}`. */
export function isNodeBuffer(value: unknown): value is Uint8Array {
  const B = (globalThis as { Buffer?: { isBuffer(v: unknown): boolean } }).Buffer;
  return B?.isBuffer(value) === true;
}

/** The ASCII bytes of `"<n>,"` for every byte value n: the JSON text of a Buffer is built from them. */
let byteTexts: Uint8Array[] | undefined;

function byteTextTable(): Uint8Array[] {
  byteTexts ??= Array.from({ length: 256 }, (_, n) =>
    Uint8Array.from(`${n},`, (c) => c.charCodeAt(0)),
  );
  return byteTexts;
}

/**
 * Calls `write` with the exact `JSON.stringify` text of a Buffer, piece by piece, so a large
 * attachment never becomes one giant string (PouchDB hashes this text into the revision id).
 * Each piece's digits are copied from a table into a byte buffer, given as bytes standing for
 * ASCII text (valid until the next call): far faster than joining the bytes as numbers.
 */
export function writeBufferJson(
  buffer: Uint8Array,
  write: (part: string | Uint8Array) => void,
): void {
  const table = byteTextTable();
  // Up to "255," per byte, plus the comma that joins a piece to the previous one.
  const out = new Uint8Array(PIECE * 4 + 1);
  write('{"type":"Buffer","data":[');
  for (let at = 0; at < buffer.length; at += PIECE) {
    const end = Math.min(at + PIECE, buffer.length);
    let n = 0;
    if (at > 0) out[n++] = 44; // ','
    for (let i = at; i < end; i++) {
      const text = table[buffer[i]!]!;
      for (let k = 0; k < text.length; k++) out[n++] = text[k]!;
    }
    write(out.subarray(0, n - 1)); // without the piece's trailing comma
  }
  write(']}');
}
