import { clone } from '../clone.js';
import { checkDocId } from '../doc-id.js';
import type { RevBody } from '../engine/engine.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { randomRevId } from '../ids.js';
import { stringify } from '../json-stringify.js';
import { stringMd5 } from '../md5.js';
import { stringMd5Joined } from '../md5-joined.js';
import { occasional } from '../occasional.js';
import { hashRevisionWith } from '../rev-hash-with.js';
import type { RevNodeOpts, RevTreePath } from '../rev-tree/types.js';
import type { AnyDoc } from '../types/documents.js';
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
  bodyJson?: string | undefined;
  /** Inline attachment data, decoded and digested before the write lock. */
  incoming?: IncomingAttachments | undefined;
}

/** A document's stored content, and that content's JSON when it could be cut from the doc's. */
export interface SplitBody {
  body: RevBody;
  json?: string;
}

/**
 * Splits stored content from meta fields (`_id`, `_rev`, `_deleted`, `_revisions`…); throws
 * `doc_validation` on unknown `_` fields. The write owns `doc` (the Adapter contract hands it
 * over), so when its meta fields all come after a large content, as in documents read back
 * from a database and in new ones given an `_id`, they are deleted from `doc` itself: deleting
 * an object's newest properties costs a few member copies, where a copy costs the whole
 * document. Otherwise the content is copied into a new object and `doc` is left as it was.
 *
 * @param docJson - `stringify(doc)`, if made already (to hash the revision): the content's
 *   JSON is then cut from it when the meta members are all at one end and are primitives, so
 *   a writer need not serialise the body again.
 */
export function splitBody(doc: AnyDoc, docJson?: string): SplitBody {
  const keys = Object.keys(doc);
  let metaCount = 0;
  let firstMeta = -1;
  let lastContent = -1;
  let toJson = false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key.charCodeAt(0) === 95 /* _ */ && isMetaField(key)) {
      metaCount++;
      if (firstMeta < 0) firstMeta = i;
    } else {
      lastContent = i;
      if (key === 'toJSON') toJson = true;
    }
  }
  if (metaCount === 0) return docJson === undefined ? { body: doc } : { body: doc, json: docJson };
  // A `toJSON` member makes the document's JSON anything it returns: nothing to cut from.
  const json =
    docJson === undefined || toJson ? undefined : cutMetaJson(doc, keys, docJson, metaCount);
  const body =
    firstMeta > lastContent && worthStripping(doc, keys.length, metaCount)
      ? stripTrailing(doc, keys, firstMeta)
      : contentCopy(doc, keys);
  return json === undefined ? { body } : { body, json };
}

/**
 * Whether stripping `metaCount` trailing meta fields from `doc` in place beats copying its
 * other members: each delete costs about as much as copying four members (V8, measured), and
 * only a plain object that may still be changed can become the stored body.
 */
function worthStripping(doc: object, keyCount: number, metaCount: number): boolean {
  if (keyCount - metaCount <= 4 * metaCount) return false;
  const proto: unknown = Object.getPrototypeOf(doc);
  return (proto === Object.prototype || proto === null) && Object.isExtensible(doc);
}

/**
 * Deletes `keys[from…]` from `doc`, newest first, so each delete undoes the property's
 * addition instead of turning the object into a slower dictionary.
 */
function stripTrailing(doc: AnyDoc, keys: readonly string[], from: number): RevBody {
  for (let i = keys.length - 1; i >= from; i--) delete doc[keys[i]!];
  return doc;
}

/** A new object with the members of `doc` that are not meta fields, in order. */
function contentCopy(doc: AnyDoc, keys: readonly string[]): RevBody {
  const body: RevBody = {};
  for (const key of keys) {
    if (key.charCodeAt(0) === 95 && !BODY_FIELDS.has(key)) continue; // known: checked already
    body[key] = doc[key];
  }
  return body;
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

/**
 * The JSON of `doc` without its `metaCount` meta members, cut from `json` (exactly the JSON
 * of the whole document) when those lead or trail the content and each is a primitive; else
 * `undefined`.
 */
function cutMetaJson(
  doc: AnyDoc,
  keys: readonly string[],
  json: string,
  metaCount: number,
): string | undefined {
  const n = keys.length;
  if (metaCount === n) return '{}';
  if (allMeta(keys, n - metaCount, n)) return cutTrailing(doc, keys, json, n - metaCount);
  if (allMeta(keys, 0, metaCount)) return cutLeading(doc, keys, json, metaCount);
  return undefined;
}

/**
 * `{<content>,<meta members>}` becomes `{<content>}`. The meta members start at the last
 * `,"<key>":` of the text, `<key>` being the first meta member JSON writes: nothing after it
 * can hold that text, as its members are primitives and a string's quotes are escaped.
 */
function cutTrailing(
  doc: AnyDoc,
  keys: readonly string[],
  json: string,
  from: number,
): string | undefined {
  let first: string | undefined;
  for (let i = from; i < keys.length; i++) {
    const value: unknown = doc[keys[i]!];
    if (value === undefined) continue;
    if (!isPrimitive(value)) return undefined;
    first ??= keys[i]!;
  }
  if (first === undefined) return json; // no meta member has any text
  const at = json.lastIndexOf(`,"${first}":`); // meta keys need no escaping
  return at > 0 ? `${json.slice(0, at)}}` : undefined;
}

/**
 * `{<meta members>,<content>}` becomes `{<content>}`. The members' text is measured, not
 * built: each is `"<key>":<value>`, and meta keys need no escaping.
 */
function cutLeading(
  doc: AnyDoc,
  keys: readonly string[],
  json: string,
  count: number,
): string | undefined {
  let end = 1; // just after `{`
  for (let i = 0; i < count; i++) {
    const key = keys[i]!;
    const value: unknown = doc[key];
    if (value === undefined) continue;
    if (!isPrimitive(value)) return undefined;
    end +=
      (end > 1 ? 1 : 0) + key.length + 3 + jsonLength(value as string | number | boolean | null);
  }
  if (end === 1) return json; // no meta member has any text
  return json.charCodeAt(end) === 44 /* , */ ? `{${json.slice(end + 1)}` : undefined;
}

/**
 * The length of a primitive's JSON text. A string that needs no escaping (ids and revisions
 * almost always) is measured without building it, which costs far less than stringifying.
 */
function jsonLength(value: string | number | boolean | null): number {
  if (typeof value !== 'string') return JSON.stringify(value).length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    // Quote, backslash, control characters and surrogates (lone ones are escaped) may grow.
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) {
      return JSON.stringify(value).length;
    }
  }
  return value.length + 2;
}

/** Whether `keys[from…to)` are all meta fields (already checked to be known ones). */
function allMeta(keys: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const key = keys[i]!;
    if (key.charCodeAt(0) !== 95 || BODY_FIELDS.has(key)) return false;
  }
  return true;
}

/** Values whose JSON text does not depend on where they are (no `toJSON`, no members). */
function isPrimitive(value: unknown): boolean {
  const type = typeof value;
  return value === null || type === 'string' || type === 'number' || type === 'boolean';
}

/** The tree opts of a revision whose body this write stores. */
export function availableStatus(deleted: boolean): RevNodeOpts {
  return deleted ? { status: 'available', deleted: true } : { status: 'available' };
}

/**
 * Thrown by {@link parseNewEdit} for a document whose attachments hold large data (Node
 * Buffers, long strings) before the code that hashes those (loaded on first use) is there:
 * the caller loads it and parses again. Nothing was changed.
 */
export const NEEDS_LARGE_DATA_HASHING: unique symbol = Symbol('needs large data hashing');

/**
 * Parses a user document for a normal edit (`new_edits: true`). The document must have its
 * `_id`, or be given `generatedId` (a `post`, or a bulk doc without one): PouchDB appends that
 * id to the document before hashing it, so revisions match PouchDB's.
 *
 * Only `doc`'s own members are the write's: nested objects may still be the caller's (see the
 * Adapter's `readsWritesAtCall`). So the body of a document without attachments leaves here
 * as JSON text (`bodyJson`), made now, and nothing nested is kept or changed.
 * @param copied - `doc` is a `clone` already (see {@link namesProto}).
 * @throws {@link NEEDS_LARGE_DATA_HASHING} (see there).
 */
export function parseNewEdit(
  doc: AnyDoc,
  deterministic: boolean,
  generatedId?: string,
  copied = false,
): ParsedDoc {
  if (generatedId !== undefined) {
    if (isPlainContent(doc)) return parseGenerated(doc, deterministic, generatedId, copied);
    doc._id = generatedId;
  }
  const hashed = hashRevisionWith(doc, deterministic, occasional.loaded?.hashWithLargeData);
  if (!hashed) throw NEEDS_LARGE_DATA_HASHING;
  const { hash, json } = hashed;
  if (!copied && namesProto(json)) return parseNewEdit(clone(doc), deterministic, undefined, true);
  const deleted = Boolean(doc._deleted);
  const status = availableStatus(deleted);
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
  const { body, json: cut } = splitBody(doc, json);
  // Not cut from the hashed text (meta members in between, a `toJSON`): made now all the same.
  const bodyJson = cut ?? (body._attachments ? undefined : stringify(body));
  return parsedDoc(id, `${pos}-${hash}`, path, deleted, body, bodyJson);
}

/**
 * Whether JSON text may name a nested own `__proto__` member, which PouchDB's copy of a
 * document never keeps: the document is then parsed again as a `clone`, which drops it. The
 * bare name is searched (text in a string value is a false alarm that costs a copy): a search
 * for the quoted key is many times slower, quotes being frequent in JSON.
 */
function namesProto(json: string | undefined): boolean {
  return json?.includes('__proto__') === true;
}

/**
 * A new document without meta fields and its generated id, the usual `post`. The id is not
 * added to the document, which stays the stored body as it is: PouchDB hashes the document
 * with the id appended last, whose JSON is the body's with one member more, so the body's JSON
 * (stored as is) and the hashed text come from one serialisation, and no object takes a shape
 * only for the moment of hashing.
 */
function parseGenerated(
  doc: AnyDoc,
  deterministic: boolean,
  id: string,
  copied: boolean,
): ParsedDoc {
  const json = stringify(doc);
  if (!copied && namesProto(json)) return parseGenerated(clone(doc), deterministic, id, true);
  let hash: string;
  if (deterministic) {
    const member = `"_id":${JSON.stringify(id)}}`;
    hash =
      json === '{}' ? stringMd5(`{${member}`) : stringMd5Joined(json.slice(0, -1), `,${member}`);
  } else {
    hash = randomRevId();
  }
  const path: RevTreePath = { pos: 1, ids: [hash, availableStatus(false), []] };
  return parsedDoc(id, `1-${hash}`, path, false, doc, json);
}

/**
 * Every parsed document is built here, with every member present, so all share one shape
 * (hidden class) that lives as long as this code: one made member by member would die between
 * writes, and a full garbage collection would drop the optimized code that reads it.
 */
function parsedDoc(
  id: string,
  rev: string,
  path: RevTreePath,
  deleted: boolean,
  body: RevBody,
  bodyJson: string | undefined,
): ParsedDoc {
  return { id, rev, path, deleted, body, bodyJson, incoming: undefined };
}

/**
 * Whether `doc` is a plain object whose JSON is its members' (no inherited or own `toJSON`)
 * with no meta field: none of its keys starts with `_` (so no `_attachments`, no `__proto__`).
 */
function isPlainContent(doc: AnyDoc): boolean {
  const proto: unknown = Object.getPrototypeOf(doc);
  if (proto !== Object.prototype && proto !== null) return false;
  // Object.keys, not for-in: several times cheaper on a document of many members.
  const keys = Object.keys(doc);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key.charCodeAt(0) === 95 /* _ */ || key === 'toJSON') return false;
  }
  return true;
}
