/**
 * The hash part of a new revision id (`N-<hash>`), computed exactly as PouchDB 9 does so that
 * the same edit of the same parent gets the same `_rev` in Satchel and in PouchDB.
 *
 * @packageDocumentation
 */

import { hashWithLargeData } from './large-data-rev-hash.js';
import { hashRevisionWith } from './rev-hash-with.js';

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
 * {@link newRevId}, also giving the document's JSON text (the text hashed, for deterministic
 * revisions) when there was one (documents without large Buffer attachments), so a writer can
 * reuse it.
 *
 * @param doc - as for {@link newRevId}.
 * @param deterministic - as for {@link newRevId}.
 * @returns `hash` as {@link newRevId} returns it; `json` equals `stringify` of the document
 *   without `_rev_tree`, when it was built.
 */
export function hashRevision(doc: object, deterministic: boolean): { hash: string; json?: string } {
  // With the hashing of large attachment data given, there is always a result.
  return hashRevisionWith(doc, deterministic, hashWithLargeData)!;
}
