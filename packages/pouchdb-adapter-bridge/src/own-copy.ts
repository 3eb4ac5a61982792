/**
 * A copy the reader owns of bytes a PouchDB adapter answered: pouchdb-adapter-memory hands out
 * the Buffer it stores, so a reader writing to it would change the stored attachment. The copy
 * keeps the class (a Buffer stays a Buffer); Blobs cannot be written to and pass as they are.
 */
export function ownCopy<T>(data: T): T {
  return data instanceof Uint8Array ? (Uint8Array.prototype.slice.call(data) as T) : data;
}
