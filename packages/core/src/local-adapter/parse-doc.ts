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

/** A document's stored content, and that content's JSON when it could be cut from the doc's. */
export interface SplitBody {
  body: RevBody;
  json?: string;
}

/**
 * Splits stored content from meta fields (`_id`, `_rev`, `_deleted`, `_revisions`…); throws
 * `doc_validation` on unknown `_` fields. The write owns `doc` (the Adapter contract hands it
 * over), so when its meta fields all come after its content, as in documents read back from
 * a database and in new ones given an `_id`, they are deleted from `doc` itself: deleting the
 * newest properties of an object costs nothing, where a copy costs as much as the document.
 * Otherwise the content is copied into a new object and `doc` is left as it was.
 *
 * @param docJson - `stringify(doc)`, if made already (to hash the revision): the content's
 *   JSON is then cut from it, when the meta members are all at one end and their text is
 *   known, so a writer need not serialise the body again.
 */
export function splitBody(doc: AnyDoc, docJson?: string): SplitBody {
  const keys = Object.keys(doc);
  // Where the meta keys are: none, all after the content, or anywhere else.
  let metaCount = 0;
  let firstMeta = -1;
  let lastContent = -1;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key.charCodeAt(0) === 95 /* _ */ && isMetaField(key)) {
      metaCount++;
      if (firstMeta < 0) firstMeta = i;
    } else {
      lastContent = i;
    }
  }
  if (metaCount === 0) return docJson === undefined ? { body: doc } : { body: doc, json: docJson };
  const json = docJson === undefined ? undefined : cutMetaJson(doc, keys, docJson, metaCount);
  let body: RevBody;
  if (firstMeta > lastContent && isPlain(doc)) {
    // Newest first, so each delete undoes the property's addition instead of changing the
    // object into a slower dictionary.
    for (let i = keys.length - 1; i >= firstMeta; i--) delete doc[keys[i]!];
    body = doc;
  } else {
    body = {};
    for (const key of keys) if (key.charCodeAt(0) !== 95 || !isMetaField(key)) body[key] = doc[key];
  }
  return json === undefined ? { body } : { body, json };
}

/** Whether `key` (starting with `_`) is a meta field; throws when it is no known field. */
function isMetaField(key: string): boolean {
  if (!RESERVED_FIELDS.has(key)) {
    const err = createError(Errors.DOC_VALIDATION, key);
    err.message = `${Errors.DOC_VALIDATION.message}: ${key}`;
    throw err;
  }
  return !BODY_FIELDS.has(key);
}

/** Plain objects that may still be changed may become the body; others are copied into one. */
function isPlain(doc: object): boolean {
  const proto: unknown = Object.getPrototypeOf(doc);
  return (proto === Object.prototype || proto === null) && Object.isExtensible(doc);
}

/**
 * The JSON of `doc` without its meta members, cut from `json` (the JSON of the whole
 * document) when the `metaCount` meta members lead or trail the content and each is a
 * primitive whose text is known; else `undefined`. The text cut off is checked against
 * `json`, so a mismatch (a `toJSON`, a skipped `_rev_tree`) backs off instead of lying.
 */
function cutMetaJson(
  doc: AnyDoc,
  keys: readonly string[],
  json: string,
  metaCount: number,
): string | undefined {
  if (keys.includes('toJSON')) return undefined;
  const n = keys.length;
  const leading = keys[metaCount - 1]!.charCodeAt(0) === 95 && allMeta(keys, 0, metaCount);
  const from = leading ? 0 : n - metaCount;
  if (!leading && !allMeta(keys, from, n)) return undefined;
  const members = membersJson(doc, keys, from, from + metaCount);
  if (members === undefined) return undefined;
  if (members === '') return json;
  if (metaCount === n) return json === `{${members}}` ? '{}' : undefined;
  if (leading) {
    // `{<members>,<content>}` becomes `{<content>}`.
    const head = `{${members},`;
    return json.startsWith(head) ? `{${json.slice(head.length)}` : undefined;
  }
  // `{<content>,<members>}` becomes `{<content>}`.
  const tail = `,${members}}`;
  return json.endsWith(tail) ? `${json.slice(0, json.length - tail.length)}}` : undefined;
}

/** Whether `keys[from…to)` are all meta fields (already checked to be known ones). */
function allMeta(keys: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const key = keys[i]!;
    if (key.charCodeAt(0) !== 95 || BODY_FIELDS.has(key)) return false;
  }
  return true;
}

/**
 * The JSON text of the members `keys[from…to)` of `doc` joined by commas, as `JSON.stringify`
 * writes them, or `undefined` when a value is not a primitive (its text could depend on
 * `toJSON`). Undefined members are left out, as JSON leaves them out.
 */
function membersJson(
  doc: AnyDoc,
  keys: readonly string[],
  from: number,
  to: number,
): string | undefined {
  let out = '';
  for (let i = from; i < to; i++) {
    const key = keys[i]!;
    const value: unknown = doc[key];
    if (value === undefined) continue;
    const type = typeof value;
    if (value !== null && type !== 'string' && type !== 'number' && type !== 'boolean') {
      return undefined;
    }
    out += `${out === '' ? '' : ','}${JSON.stringify(key)}:${JSON.stringify(value)}`;
  }
  return out;
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
  const id = doc._id;
  const split = splitBody(doc, json);
  const parsed: ParsedDoc = { id, rev: `${pos}-${hash}`, path, deleted, body: split.body };
  if (split.json !== undefined) parsed.bodyJson = split.json;
  return parsed;
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
  const id = doc._id;
  return { id, rev, path, deleted, body: splitBody(doc).body };
}
