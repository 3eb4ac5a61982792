/**
 * The bytes of an attachment as PouchDB's browser adapters stored them: a Blob, or base64 text
 * where the browser could not store Blobs; `undefined` for anything else.
 */
export async function bytesOf(data: unknown): Promise<Uint8Array | undefined> {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') {
    try {
      return Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    } catch {
      return undefined; // not base64: reported as missing bytes, naming the attachment
    }
  }
  if (data instanceof Blob) return new Uint8Array(await data.arrayBuffer());
  return undefined;
}
