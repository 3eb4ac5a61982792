import { isAttachmentData } from '../attachment-bytes.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { checkGeneration, checkRevisionList, hasRevisionList } from '../replicated-revs.js';
import type { AnyDoc } from '../types/documents.js';

// What `bulkDocs` does only to documents with attachments and to replicated revisions, loaded
// on first use (occasional-code.ts) as the adapters' handling of those writes is. Internal to
// core.

/** PouchDB's message for an attachment name starting with `_`, or false. */
function attachmentNameError(name: string): string | false {
  return name.charAt(0) === '_'
    ? `${name} is not a valid attachment name, attachment names cannot start with '_'`
    : false;
}

/**
 * Rejects, in any document of a write: attachment names starting with `_`, entries that are
 * not objects, entries with neither `data` nor `stub` (nothing to store: PouchDB crashes on
 * them, we would store an attachment without bytes or digest) or with `data` of a kind no
 * attachment holds (a number, a plain object), and, on a document that is not
 * a deletion, an `_attachments` that is neither an object nor `null` (CouchDB's
 * `doc_validation`; deletions drop the member anyway).
 */
export function checkAttachmentNames(docs: readonly AnyDoc[]): void {
  for (const doc of docs) {
    const atts: unknown = doc._attachments;
    if (atts === null || atts === undefined) continue;
    if (typeof atts !== 'object' || Array.isArray(atts)) {
      if (doc._deleted) continue;
      const err = createError(Errors.DOC_VALIDATION, '_attachments must be an object');
      err.message = `${Errors.DOC_VALIDATION.message}: _attachments`;
      throw err;
    }
    for (const [name, att] of Object.entries(atts)) {
      const problem = attachmentNameError(name);
      if (problem) throw createError(Errors.BAD_REQUEST, problem);
      if (!att || typeof att !== 'object' || Array.isArray(att)) {
        throw createError(Errors.BAD_REQUEST, `Attachment ${name} must be an object`);
      }
      if (!(att as { stub?: unknown }).stub && !doc._deleted) checkData(name, att);
    }
  }
}

/** Refuses an attachment with no data, or data of a kind no attachment holds. */
function checkData(name: string, att: object): void {
  const data = (att as { data?: unknown }).data;
  // Undefined counts as absent, as in the copy of the write (checked too, on a first write).
  if (data === undefined) {
    throw createError(Errors.BAD_ARG, `Attachment ${name} has neither data nor stub`);
  }
  if (!isAttachmentData(data)) {
    throw createError(Errors.BAD_ARG, 'Attachment data must be base64, binary or a Blob');
  }
}

const KEPT_ATTACHMENT_FIELDS = [
  'data',
  'digest',
  'content_type',
  'length',
  'revpos',
  'stub',
] as const;

/** Strips attachments from deletions and unknown fields from attachments, as PouchDB does. */
export function cleanDocs(docs: AnyDoc[]): void {
  for (const doc of docs) {
    if (doc._deleted) {
      delete doc._attachments;
      continue;
    }
    const atts = doc._attachments;
    if (!atts || typeof atts !== 'object') continue;
    const cleaned: Record<string, unknown> = {};
    for (const [name, att] of Object.entries(atts)) {
      const kept: Record<string, unknown> = {};
      for (const field of KEPT_ATTACHMENT_FIELDS) {
        if (att && typeof att === 'object' && field in att)
          kept[field] = (att as unknown as Record<string, unknown>)[field];
      }
      cleaned[name] = kept;
    }
    doc._attachments = cleaned as AnyDoc['_attachments'];
  }
}

/**
 * Prepares replicated revisions (`new_edits: false`) for the adapter: refuses those no later
 * edit could name before any adapter sees them (core's own adapters check them too, a PouchDB
 * adapter run by the bridge would store them), then orders each document's oldest first
 * (PouchDB #2935).
 */
export function sortReplicated(docs: AnyDoc[]): void {
  for (const doc of docs) {
    const revisions: unknown = doc._revisions;
    if (hasRevisionList(revisions)) checkRevisionList(revisions);
    else checkGeneration(doc._rev);
  }
  docs.sort(compareByIdThenRev);
}

/** Orders replicated revisions of one document oldest first. */
function compareByIdThenRev(a: AnyDoc, b: AnyDoc): number {
  if (a._id === b._id) return (a._revisions?.start ?? 0) - (b._revisions?.start ?? 0);
  return (a._id ?? '') < (b._id ?? '') ? -1 : 1;
}
