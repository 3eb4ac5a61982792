import { attachmentBytes } from '../attachment-bytes.js';
import { toBinaryOutput } from '../base64.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import type { AnyDoc, AttachmentData, WriteResponse } from '../types/documents.js';
import type { DatabaseSurface } from './database-surface.js';

/**
 * PouchDB's `putAttachment`. An adapter that stores attachments in one step (a remote server)
 * gets the decoded bytes; otherwise the document is read (created when missing), `rev`
 * checked, and the attachment written through `db.put`, so wrappers of `put`/`bulkDocs` see it.
 */
export async function putAttachment(
  db: DatabaseSurface,
  docId: string,
  name: string,
  rev: string | null | undefined,
  data: AttachmentData,
  type: string,
): Promise<WriteResponse> {
  const adapter = db._adapter;
  if (adapter.putAttachment) {
    checkTarget(docId, name);
    const bytes = await attachmentBytes(data);
    return adapter.putAttachment(docId, name, bytes, {
      ...(typeof rev === 'string' && rev ? { rev } : {}),
      ...(typeof type === 'string' ? { type } : {}),
    });
  }
  let doc: AnyDoc;
  try {
    doc = (await db.get(docId)) as AnyDoc;
    if (doc._rev !== rev) throw createError(Errors.REV_CONFLICT);
  } catch (err) {
    if ((err as { reason?: string }).reason !== Errors.MISSING_DOC.message) throw err;
    doc = { _id: docId };
  }
  const revpos = (doc._rev ? Number.parseInt(doc._rev, 10) : 0) + 1;
  const atts = { ...(doc._attachments ?? {}) } as Record<string, unknown>;
  atts[name] = { content_type: type, data, revpos };
  doc._attachments = atts as AnyDoc['_attachments'];
  return db.put(doc);
}

/** PouchDB's `getAttachment`: the bytes (Buffer on Node, Blob in browsers) or a 404. */
export async function getAttachment(
  db: DatabaseSurface,
  docId: string,
  name: string,
  rev: string | undefined,
): Promise<unknown> {
  // Local documents keep no attachments: PouchDB never reads them here, it asks the storage,
  // which knows no such document (404 `missing`) or, for a server, answers on its own.
  if (typeof docId === 'string' && docId.startsWith('_local/')) {
    return toBinaryOutput(await db._adapter.getAttachment(docId, name, {}), undefined);
  }
  const doc = (await db.get(docId, rev ? { rev } : {})) as AnyDoc;
  const att = doc._attachments?.[name] as { content_type?: string; digest?: string } | undefined;
  if (!att) throw createError(Errors.MISSING_DOC);
  const bytes = await db._adapter.getAttachment(docId, name, {
    rev: doc._rev as string,
    ...(typeof att.digest === 'string' ? { digest: att.digest } : {}),
  });
  return toBinaryOutput(bytes, att.content_type);
}

/**
 * PouchDB's `removeAttachment`: drops one attachment in a new revision, in one step when the
 * adapter can (a remote server), else by reading the document and writing through `db.put`.
 */
export async function removeAttachment(
  db: DatabaseSurface,
  docId: string,
  name: string,
  rev: string,
): Promise<WriteResponse | undefined> {
  const adapter = db._adapter;
  if (adapter.removeAttachment) {
    checkTarget(docId, name);
    if (typeof rev !== 'string' || !rev) throw createError(Errors.REV_CONFLICT);
    return adapter.removeAttachment(docId, name, rev);
  }
  const doc = (await db.get(docId)) as AnyDoc;
  if (doc._rev !== rev) throw createError(Errors.REV_CONFLICT);
  if (!doc._attachments) return undefined;
  const atts = { ...doc._attachments };
  delete atts[name];
  if (Object.keys(atts).length === 0) delete doc._attachments;
  else doc._attachments = atts;
  return db.put(doc);
}

/**
 * The document id and attachment name an adapter's one-step write addresses: strings, or a
 * clear error instead of a malformed request.
 */
function checkTarget(docId: unknown, name: unknown): void {
  if (typeof docId !== 'string') throw createError(Errors.INVALID_ID);
  if (typeof name !== 'string') {
    throw createError(Errors.BAD_REQUEST, 'Attachment name must be a string');
  }
}
