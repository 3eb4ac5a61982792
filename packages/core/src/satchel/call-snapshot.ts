import { clone, isPlainObject } from '../clone.js';

/**
 * The document as it is when `put`/`post` is called. The write happens later (after the
 * database opens, behind other writes), and callers may change the object meanwhile: PouchDB
 * copies it at once, so a caller that reuses it for the next write (PouchDB #3955, attachments
 * replaced right after `put`) does not change what is stored. The top level and each
 * attachment entry are copied; data (strings, Buffers, Blobs) is shared, not duplicated, and
 * the full copy still happens in `bulkDocs`.
 * @param doc - what the caller passed (anything; non-objects are returned as they are).
 */
export function snapshotDoc<T>(doc: T): T {
  if (typeof doc !== 'object' || doc === null || !isPlainObject(doc)) return doc;
  const copy: Record<string, unknown> = { ...(doc as Record<string, unknown>) };
  const atts = copy._attachments;
  if (typeof atts === 'object' && atts !== null && isPlainObject(atts)) {
    const entries = Object.entries(atts).map(([name, att]) => [
      name,
      typeof att === 'object' && att !== null && isPlainObject(att) ? { ...att } : att,
    ]);
    copy._attachments = Object.fromEntries(entries);
  }
  return copy as T;
}

/**
 * A write's argument (a document, or a `bulkDocs` list or `{docs}`) as it is when the write is
 * called before the database has opened. Such a call waits for the opening, and the write
 * path's own copy comes only then: PouchDB copies it whole at the call, so changes the caller
 * makes meanwhile, nested ones and attachment bytes included, never reach storage. Input the
 * copy refuses (a cycle) is passed on as it is, for the write to reject as it would once open.
 */
export function snapshotBeforeOpen<T>(value: T): T {
  try {
    return clone(value);
  } catch {
    return value;
  }
}
