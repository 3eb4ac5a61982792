/**
 * The hash part of a new revision id (`N-<hash>`), computed exactly as PouchDB 9 does so that
 * the same edit of the same parent gets the same `_rev` in Satchel and in PouchDB.
 *
 * @packageDocumentation
 */

import { isNodeBuffer, writeBufferJson } from './binary-json.js';
import { randomRevId } from './ids.js';
import { stringify } from './json-stringify.js';
import { createStringMd5, stringMd5 } from './md5.js';

/**
 * The revision hash for a new edit (`new_edits: true`): PouchDB 9's `rev(doc, deterministic)`.
 *
 * Deterministic mode (PouchDB's default, `deterministic_revs: true`) returns
 * `stringMd5(JSON.stringify(doc without _rev_tree))`: 32 hex digits of the MD5 of the JSON
 * text, where every UTF-16 code unit counts as one byte, its low 8 bits (see
 * {@link stringMd5}). JSON is produced with the stack-safe {@link stringify}, so key ORDER and
 * every field matter. Otherwise it returns {@link randomRevId}.
 *
 * **Which object to pass.** Exactly the document PouchDB's adapter hands to `parseDoc`, i.e.
 * the caller's document after these steps, in this order, and nothing else:
 * 1. `clone(doc)` (`./clone.js`, PouchDB's copy: `undefined` members dropped, valid dates
 *    turned into ISO strings, key order kept). PouchDB copies at the public API boundary.
 * 2. PouchDB's `cleanDocs`: if `doc._deleted` is truthy, delete `_attachments`; otherwise
 *    replace every `_attachments[name]` with a new object holding only, in THIS order, those
 *    of `data, digest, content_type, length, revpos, stub` that are present
 *    (`name in att`). Attachment data is hashed as given (base64 string; a Buffer hashes as
 *    its `toJSON()`), before it is decoded or digested.
 * 3. If `!doc._id`, set `doc._id = uuid()`: a new key at the END for `post` / bulk docs
 *    without `_id`, or replacing a falsy `_id` in place.
 * 4. `_rev` is still the PARENT revision the caller sent (absent for a first edit); it is
 *    replaced by the new `N-hash` only after hashing. `_rev_tree`, if present, is ignored.
 *
 * What each public call therefore hashes (user keys in the caller's order):
 * - `put(doc)` / `bulkDocs([doc])`: the cleaned copy as is, `_id` and `_rev` where the caller
 *   put them, `_deleted` included if given.
 * - `post(doc)`: as `put`, plus `_id: <uuid>` appended last.
 * - `remove(doc)` / `remove(id, rev)`: a NEW object `{_id, _rev, _deleted: true}` in that key
 *   order; no other field of `doc` is hashed (`_rev` from `doc._rev || opts.rev`, dropped if
 *   undefined).
 * - `bulkDocs` with `_deleted: true`: the caller's doc with its other fields kept, minus
 *   `_attachments`.
 * - `putAttachment` / `removeAttachment` (and any get-modify-put): the document as `get`
 *   returned it, so its key order matters. PouchDB's `get` gives the stored fields in written
 *   order (`_attachments` where it was written), then `_id`, then `_rev`. `putAttachment` sets
 *   `_attachments[name] = {content_type, data, revpos: parentPos + 1}` on it (on `{_id}` when
 *   the doc does not exist); step 2 re-picks every attachment, so the key order inside
 *   attachments never matters.
 *
 * @param doc - the document shaped as described above; it is not modified.
 * @param deterministic - PouchDB's `deterministic_revs` option (default `true`).
 * @returns the 32-hex-digit hash; the caller prefixes `${parentPos + 1}-`.
 */
export function newRevId(doc: object, deterministic: boolean): string {
  return hashRevision(doc, deterministic).hash;
}

/**
 * {@link newRevId}, also giving the JSON text that was hashed when there was one (deterministic
 * revisions of documents without large Buffer attachments), so a writer can reuse it.
 *
 * @param doc - as for {@link newRevId}.
 * @param deterministic - as for {@link newRevId}.
 * @returns `hash` as {@link newRevId} returns it; `json` equals `stringify` of the document
 *   without `_rev_tree`, when it was built.
 */
export function hashRevision(doc: object, deterministic: boolean): { hash: string; json?: string } {
  if (!deterministic) return { hash: randomRevId() };
  const copy = withoutRevTree(doc);
  const large = largeBufferAttachments(copy);
  if (large.length > 0) return { hash: hashWithBuffers(copy, large) };
  const json = stringify(copy);
  return { hash: stringMd5(json), json };
}

/**
 * The document without `_rev_tree`, as PouchDB hashes it. PouchDB copies with `Object.assign`,
 * which also drops an own `"__proto__"` key and inherited `toJSON`; a plain document with
 * neither key is used as is.
 */
function withoutRevTree(doc: object): Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(doc);
  const plain = proto === Object.prototype || proto === null; // no inherited toJSON
  if (plain && !Object.hasOwn(doc, '_rev_tree') && !Object.hasOwn(doc, '__proto__')) {
    return doc as Record<string, unknown>;
  }
  const copy = Object.assign({}, doc) as Record<string, unknown>;
  delete copy._rev_tree;
  return copy;
}

/**
 * Buffers at least this big are hashed as a stream of JSON pieces: building their JSON as an
 * array of numbers is slow long before it is large (a 100 KB Buffer: ~10 ms).
 */
const STREAM_BUFFER_BYTES = 1024;

/** Attachments whose data is a large Node Buffer: `[name, buffer]`. */
function largeBufferAttachments(doc: Record<string, unknown>): [string, Uint8Array][] {
  const atts = doc._attachments;
  if (!atts || typeof atts !== 'object') return [];
  const found: [string, Uint8Array][] = [];
  for (const [name, att] of Object.entries(atts as Record<string, unknown>)) {
    const data = (att as { data?: unknown } | null)?.data;
    if (isNodeBuffer(data) && data.length >= STREAM_BUFFER_BYTES) found.push([name, data]);
  }
  return found;
}

/**
 * The same hash as `stringMd5(stringify(doc))`, without building the JSON of large Buffers:
 * each is replaced by a unique placeholder string, and where the placeholder's JSON appears
 * the Buffer's own JSON text is fed to MD5 piece by piece instead.
 */
function hashWithBuffers(doc: Record<string, unknown>, large: [string, Uint8Array][]): string {
  const tag = `satchel-binary-${randomRevId()}`;
  const atts = { ...(doc._attachments as Record<string, Record<string, unknown>>) };
  const buffers = new Map<string, Uint8Array>();
  large.forEach(([name, buffer], i) => {
    const placeholder = `${tag}-${i}`;
    buffers.set(`"${placeholder}"`, buffer);
    atts[name] = { ...atts[name], data: placeholder };
  });
  const text = stringify({ ...doc, _attachments: atts });
  const md5 = createStringMd5();
  const marker = new RegExp(`"${tag}-\\d+"`, 'g');
  let from = 0;
  for (const match of text.matchAll(marker)) {
    md5.update(text.slice(from, match.index));
    writeBufferJson(buffers.get(match[0])!, (part) => md5.update(part));
    from = match.index + match[0].length;
  }
  md5.update(text.slice(from));
  return md5.hex();
}
