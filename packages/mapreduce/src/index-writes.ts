import type { Satchel } from '@satchel/core';
import { keyRecords } from './key-records.js';
import type { KeySegments } from './key-segments.js';
import type { ViewEntry } from './view-entry.js';

/** The new rows of a changed document, the index keys it had before, and their record's rev. */
export interface DocUpdate {
  id: string;
  oldKeys: string[];
  entries: ViewEntry[];
  /** The `_rev` of its `_local/doc_<id>` record, when there is one. */
  keysRev?: string;
  /** Whether its old keys came from a key segment entry (which its key record must hide). */
  inSegment?: boolean;
  /**
   * Its first revision and only leaf, not purged: no live row can carry its id yet (rows are
   * keyed `[key, docId]`), so its new rows need no revision lookup.
   */
  fresh?: boolean;
}

/** A row's index document: the value left out when `null`, as PouchDB stores it. */
function rowDoc(id: string, value: unknown): Record<string, unknown> {
  return value === null ? { _id: id } : { _id: id, value };
}

/**
 * The rows whose current revision is needed, by index id: the row to store, or `undefined` to
 * delete it. A fresh document's rows are left out: they are new documents of the index.
 */
function lookedUp(updates: readonly DocUpdate[]): Map<string, ViewEntry | undefined> {
  const rows = new Map<string, ViewEntry | undefined>();
  for (const update of updates) {
    if (update.fresh === true) continue;
    for (const key of update.oldKeys) rows.set(key, undefined);
    for (const entry of update.entries) rows.set(entry.indexKey, entry);
  }
  return rows;
}

/** The current revisions of the index documents among `ids`. */
async function currentRevs(db: Satchel, ids: string[]): Promise<Map<string, string>> {
  const res = await db.allDocs({ keys: ids });
  const revs = new Map<string, string>();
  for (const row of res.rows) {
    if (row.value && !row.value.deleted) revs.set(row.id, row.value.rev);
  }
  return revs;
}

/**
 * The documents that bring an index up to date with changed source documents: rows no longer
 * emitted are deleted, new rows stored under their indexable string, and each document's
 * key lists rewritten (see `keyRecords`). Only rows that may be stored already have their
 * revisions read (in one `allDocs`).
 * @param db - the index database.
 * @param updates - the changed documents' old keys and new rows.
 * @param segments - the index's key segments.
 */
export async function indexDocs(
  db: Satchel,
  updates: readonly DocUpdate[],
  segments: KeySegments,
): Promise<Record<string, unknown>[]> {
  const docs: Record<string, unknown>[] = [];
  for (const update of updates) {
    if (update.fresh !== true) continue;
    for (const entry of update.entries) docs.push(rowDoc(entry.indexKey, entry.value));
  }
  const rows = lookedUp(updates);
  if (rows.size > 0) {
    const revs = await currentRevs(db, [...rows.keys()]);
    for (const [id, entry] of rows) {
      const rev = revs.get(id);
      if (entry === undefined) {
        if (rev) docs.push({ _id: id, _rev: rev, _deleted: true });
        continue;
      }
      const doc = rowDoc(id, entry.value);
      if (rev) doc._rev = rev;
      docs.push(doc);
    }
  }
  for (const record of await keyRecords(db, updates, segments)) docs.push(record);
  return docs;
}
