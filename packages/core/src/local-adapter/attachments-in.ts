import { attachmentBytes } from '../attachment-bytes.js';
import { binaryMd5 } from '../md5.js';
import type { AnyDoc } from '../types/documents.js';

/** An attachment's bytes with the facts stored about them. */
export interface IncomingAttachment {
  digest: string;
  length: number;
  bytes: Uint8Array;
}

/** Inline attachments of one document, by name, decoded and digested. */
export type IncomingAttachments = Map<string, IncomingAttachment>;

/**
 * Decodes and digests the inline attachment data of a document. Runs before the write lock is
 * taken, so hashing a large attachment does not hold up other writers.
 */
export async function readIncoming(doc: AnyDoc): Promise<IncomingAttachments | undefined> {
  const atts = doc._attachments as Record<string, Record<string, unknown>> | undefined;
  if (!atts || doc._deleted) return undefined;
  let incoming: IncomingAttachments | undefined;
  for (const [name, att] of Object.entries(atts)) {
    if (!att || att.stub || !('data' in att)) continue;
    const bytes = await attachmentBytes(att.data);
    const digest = `md5-${await binaryMd5(bytes)}`;
    incoming ??= new Map();
    incoming.set(name, { digest, length: bytes.byteLength, bytes });
  }
  return incoming;
}

/** The digests of the stubs a write refers to; each must already be stored. */
export function stubDigests(doc: AnyDoc): string[] {
  const atts = doc._attachments as Record<string, Record<string, unknown>> | undefined;
  if (!atts || doc._deleted) return [];
  return Object.values(atts)
    .filter((att) => att?.stub)
    .map((att) => String(att.digest));
}
