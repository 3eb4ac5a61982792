import { checkDocId } from '../doc-id.js';
import type { RevBody } from '../engine/engine.js';
import { createError, Errors } from '../errors.js';
import { hashRevision } from '../rev-hash.js';
import { makeRevTreeFromRevisions, type RevTreePath } from '../rev-tree/index.js';
import type { AnyDoc, Revisions } from '../types/documents.js';
import type { IncomingAttachments } from './attachments-in.js';
import { parseRev } from './rev-info.js';

/** Underscore fields a document may carry; anything else starting with `_` is refused. */
const RESERVED_FIELDS = new Set([
  '_id',
  '_rev',
  '_access',
  '_attachments',
  '_deleted',
  '_revisions',
  '_revs_info',
  '_conflicts',
  '_deleted_conflicts',
  '_local_seq',
  '_rev_tree',
  '_replication_id',
  '_replication_state',
  '_replication_state_time',
  '_replication_state_reason',
  '_replication_stats',
  '_removed',
]);

/** Underscore fields that are document content and are stored with the body. */
export const BODY_FIELDS: ReadonlySet<string> = new Set([
  '_access',
  '_attachments',
  '_replication_id',
  '_replication_state',
  '_replication_state_time',
  '_replication_state_reason',
  '_replication_stats',
]);

/** A document turned into what the write path needs. */
export interface ParsedDoc {
  id: string;
  /** The revision this write creates (or, with `new_edits: false`, brings in). */
  rev: string;
  /** The path to merge into the document's revision tree. */
  path: RevTreePath;
  deleted: boolean;
  /** What is stored for `rev` (attachments still as written until the write applies them). */
  body: RevBody;
  /** `stringify(body)` when it came for free from hashing the revision. */
  bodyJson?: string;
  /** Inline attachment data, decoded and digested before the write lock. */
  incoming?: IncomingAttachments;
}

/** Splits stored content from meta fields; throws `doc_validation` on unknown `_` fields. */
export function extractBody(doc: AnyDoc): RevBody {
  const body: RevBody = {};
  for (const key of Object.keys(doc)) {
    if (key.charCodeAt(0) === 95 /* _ */) {
      if (!RESERVED_FIELDS.has(key)) {
        const err = createError(Errors.DOC_VALIDATION, key);
        err.message = `${Errors.DOC_VALIDATION.message}: ${key}`;
        throw err;
      }
      if (!BODY_FIELDS.has(key)) continue;
    }
    body[key] = doc[key];
  }
  return body;
}

/**
 * Parses a user document for a normal edit (`new_edits: true`). The document must already
 * have its `_id` (post assigns one) and is hashed as given, so revisions match PouchDB's.
 */
export function parseNewEdit(doc: AnyDoc, deterministic: boolean): ParsedDoc {
  const { hash, json } = hashRevision(doc, deterministic);
  const deleted = Boolean(doc._deleted);
  const status = { status: 'available' as const, ...(deleted ? { deleted: true } : {}) };
  let path: RevTreePath;
  let pos = 1;
  if (doc._rev !== undefined) {
    const parent = parseRev(doc._rev);
    pos = parent.pos + 1;
    path = { pos: parent.pos, ids: [parent.hash, { status: 'missing' }, [[hash, status, []]]] };
  } else {
    path = { pos: 1, ids: [hash, status, []] };
  }
  checkDocId(doc._id);
  const parsed: ParsedDoc = {
    id: doc._id,
    rev: `${pos}-${hash}`,
    path,
    deleted,
    body: extractBody(doc),
  };
  const bodyJson = json === undefined ? undefined : bodyJsonOf(doc, json);
  if (bodyJson !== undefined) parsed.bodyJson = bodyJson;
  return parsed;
}

/**
 * The JSON of the body, cut from `json` (the JSON of the whole document) when the two differ
 * only by leading `_id`/`_rev` members, as they do for most documents; else `undefined`.
 */
export function bodyJsonOf(doc: AnyDoc, json: string): string | undefined {
  const keys = Object.keys(doc);
  let lead = 0;
  let prefix = '{';
  for (; lead < keys.length && (keys[lead] === '_id' || keys[lead] === '_rev'); lead++) {
    const value = doc[keys[lead]!];
    if (typeof value !== 'string') return undefined;
    prefix += `${lead > 0 ? ',' : ''}"${keys[lead]}":${JSON.stringify(value)}`;
  }
  // Every other underscore field is either dropped from the body or moved (attachments).
  for (let i = lead; i < keys.length; i++) if (keys[i]!.charCodeAt(0) === 95) return undefined;
  if (lead === 0 || !json.startsWith(prefix)) return undefined;
  const next = json.charCodeAt(prefix.length);
  if (next === 125 /* } */ && json.length === prefix.length + 1) return '{}';
  return next === 44 /* , */ ? `{${json.slice(prefix.length + 1)}` : undefined;
}

/** Parses a document replicated in with `new_edits: false` (its revision is kept). */
export function parseReplicated(doc: AnyDoc): ParsedDoc {
  const deleted = Boolean(doc._deleted);
  const status = { status: 'available' as const, ...(deleted ? { deleted: true } : {}) };
  let path: RevTreePath;
  let rev: string;
  const revisions = doc._revisions as Revisions | undefined;
  if (revisions && Array.isArray(revisions.ids) && revisions.ids.length > 0) {
    path = makeRevTreeFromRevisions(revisions, status)[0]!;
    rev = `${revisions.start}-${revisions.ids[0]}`;
  } else {
    const parsed = parseRev(doc._rev);
    path = { pos: parsed.pos, ids: [parsed.hash, status, []] };
    rev = `${parsed.pos}-${parsed.hash}`;
  }
  checkDocId(doc._id);
  return { id: doc._id, rev, path, deleted, body: extractBody(doc) };
}
