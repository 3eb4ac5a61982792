/** Whether `value` is a Node Buffer, whose JSON is `{"type":"Buffer","data":[…]}`. */
export function isNodeBuffer(value: unknown): value is Uint8Array {
  const B = (globalThis as { Buffer?: { isBuffer(v: unknown): boolean } }).Buffer;
  return B?.isBuffer(value) === true;
}
