import {
  type AnyDoc,
  decodeBase64Strict,
  encodeBase64,
  toBinaryOutput,
  toBytes,
} from '@satchel/core';

type AttachmentMap = Record<string, Record<string, unknown>>;

/** The attachments of a document, as a mutable map (empty when it has none). */
function attachmentsOf(doc: AnyDoc): AttachmentMap {
  return (doc._attachments ?? {}) as unknown as AttachmentMap;
}

/**
 * Turns binary attachment data (Buffer, Blob, typed arrays) into the base64 strings CouchDB's
 * JSON API takes, in place.
 * @param docs - documents about to be written.
 */
export async function encodeAttachments(docs: readonly AnyDoc[]): Promise<void> {
  for (const doc of docs) {
    for (const att of Object.values(attachmentsOf(doc))) {
      if (att.data === undefined || typeof att.data === 'string') continue;
      const bytes = await toBytes(att.data);
      if (bytes) att.data = encodeBase64(bytes);
    }
  }
}

/**
 * Turns inlined base64 attachment data into Buffers (Node) or Blobs, in place, as PouchDB's
 * `binary: true` asks.
 * @param docs - documents read with `attachments: true`.
 */
export function decodeAttachments(docs: readonly AnyDoc[]): void {
  for (const doc of docs) {
    for (const att of Object.values(attachmentsOf(doc))) {
      if (typeof att.data !== 'string') continue;
      att.data = toBinaryOutput(decodeBase64Strict(att.data), att.content_type as string);
    }
  }
}
