import { randomRevId } from './ids.js';
import { stringify } from './json-stringify.js';
import { stringMd5 } from './md5.js';
import { isNodeBuffer } from './node-buffer.js';

// How a revision hash is computed (see rev-hash.ts), with the rare hashing of documents whose
// attachments hold large data (Node Buffers, or long base64 text) given by the caller: writes
// get it from the code loaded on first use, so that what every page loads does without it
// (see parse-doc.ts).

/** An attachment whose data is hashed without building its JSON text: `[name, data]`. */
export type LargeAttachmentData = [string, Uint8Array | string];

/** Hashes a document whose attachments hold large data (see `hashWithLargeData`). */
export type LargeDataHasher = (
  doc: Record<string, unknown>,
  large: LargeAttachmentData[],
) => string;

/**
 * `hashRevision` (rev-hash.ts) with the hashing of large attachment data given.
 * @returns as `hashRevision` (with `json` for random revisions too), or `undefined` when the
 *   document has large attachment data and no `hashLarge` was given.
 */
export function hashRevisionWith(
  doc: object,
  deterministic: boolean,
  hashLarge: LargeDataHasher | undefined,
): { hash: string; json?: string } | undefined {
  const copy = withoutRevTree(doc);
  const large = largeAttachmentData(copy);
  if (large.length > 0) {
    if (!deterministic) return { hash: randomRevId() };
    return hashLarge && { hash: hashLarge(copy, large) };
  }
  // Made for random revisions too: a writer stores the body's text, cut from this one.
  const json = stringify(copy);
  return { hash: deterministic ? stringMd5(json) : randomRevId(), json };
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

/**
 * Strings at least this long are hashed where they are: the document's JSON would hold a copy
 * of each, as large as the attachment's base64 text, alive while the write decodes it.
 */
const STREAM_TEXT_CHARS = 1 << 20;

/** Attachments whose data is a large Node Buffer or a long string. */
function largeAttachmentData(doc: Record<string, unknown>): LargeAttachmentData[] {
  const atts = doc._attachments;
  if (!atts || typeof atts !== 'object') return [];
  const found: LargeAttachmentData[] = [];
  for (const [name, att] of Object.entries(atts as Record<string, unknown>)) {
    const data = (att as { data?: unknown } | null)?.data;
    if (typeof data === 'string') {
      if (data.length >= STREAM_TEXT_CHARS) found.push([name, data]);
    } else if (isNodeBuffer(data) && data.length >= STREAM_BUFFER_BYTES) {
      found.push([name, data]);
    }
  }
  return found;
}
