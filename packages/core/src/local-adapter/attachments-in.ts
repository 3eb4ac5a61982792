import { attachmentBytes } from '../attachment-bytes.js';
import { binaryMd5 } from '../binary-md5.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import type { AnyDoc } from '../types/documents.js';
import type { Parsed } from './bulk-docs.js';
import type { AdapterState } from './state.js';

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
async function readIncoming(doc: AnyDoc): Promise<IncomingAttachments | undefined> {
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
function stubDigests(doc: AnyDoc): string[] {
  const atts = doc._attachments as Record<string, Record<string, unknown>> | undefined;
  if (!atts || doc._deleted) return [];
  return Object.values(atts)
    .filter((att) => att?.stub)
    .map((att) => String(att.digest));
}

/** Decodes and digests the inline attachment data of each document of a write that has some. */
export async function withIncomingAttachments(parsed: readonly Parsed[]): Promise<void> {
  for (const item of parsed) {
    if ('parsed' in item && item.parsed.body._attachments) {
      const incoming = await readIncoming(item.parsed.body);
      if (incoming) item.parsed.incoming = incoming;
    }
  }
}

/** PouchDB refuses the whole write when a stub names bytes the database does not hold. */
export async function verifyStubs(state: AdapterState, items: readonly Parsed[]): Promise<void> {
  const unique = new Set<string>();
  for (const item of items) {
    if (!('parsed' in item) || !item.parsed.body._attachments) continue;
    for (const digest of stubDigests(item.parsed.body)) unique.add(digest);
  }
  if (unique.size === 0) return;
  const digests = [...unique];
  const records = await state.engine.getAttachmentRecords(digests);
  const missing = digests.find((_, i) => !records[i]);
  if (missing !== undefined) {
    throw createError(Errors.MISSING_STUB, `unknown stub attachment with digest ${missing}`);
  }
}
