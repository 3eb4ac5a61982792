import type { Satchel } from '@satchel/core';
import type { ViewEntry } from './view-entry.js';

/** The new rows of a changed document, the index keys it had before, and their record's rev. */
export interface DocUpdate {
  id: string;
  oldKeys: string[];
  entries: ViewEntry[];
  /** The `_rev` of its `_local/doc_<id>` record, when there is one. */
  keysRev?: string;
  /**
   * Its first revision and only leaf, not purged: no live row can carry its id yet (rows are
   * keyed `[key, docId]`), so its new rows need no revision lookup.
   */
  fresh?: boolean;
}

/** A planned index write: the value to store (`undefined` deletes) and whether to look up its rev. */
interface Write {
  value?: { value: unknown };
  lookup: boolean;
}

/** The index documents to write, by id. */
function plannedWrites(updates: readonly DocUpdate[]): Map<string, Write> {
  const writes = new Map<string, Write>();
  for (const update of updates) {
    for (const key of update.oldKeys) writes.set(key, { lookup: true });
    const lookup = update.fresh !== true;
    for (const entry of update.entries) {
      writes.set(entry.indexKey, { value: { value: entry.value }, lookup });
    }
  }
  return writes;
}

/** The ids among `writes` whose current revision is needed. */
function lookedUp(writes: Map<string, Write>): string[] {
  const ids: string[] = [];
  for (const [id, write] of writes) if (write.lookup) ids.push(id);
  return ids;
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

/** The `_local/doc_<id>` records of each changed document's new index keys. */
function keyRecords(updates: readonly DocUpdate[]): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  for (const update of updates) {
    const _id = `_local/doc_${update.id}`;
    if (update.entries.length === 0) {
      // No rows left: drop the record, so a re-created first revision needs no lookup.
      if (update.keysRev !== undefined) docs.push({ _id, _rev: update.keysRev, _deleted: true });
      continue;
    }
    const doc: Record<string, unknown> = { _id, keys: update.entries.map((e) => e.indexKey) };
    if (update.keysRev !== undefined) doc._rev = update.keysRev;
    docs.push(doc);
  }
  return docs;
}

/**
 * The documents that bring an index up to date with changed source documents: rows no longer
 * emitted are deleted, new rows stored under their indexable string (the value left out when
 * `null`, as PouchDB stores it), and each document's `_local/doc_<id>` key record rewritten.
 * @param db - the index database.
 * @param updates - the changed documents' old keys and new rows.
 */
export async function indexDocs(
  db: Satchel,
  updates: readonly DocUpdate[],
): Promise<Record<string, unknown>[]> {
  const writes = plannedWrites(updates);
  const ids = lookedUp(writes);
  const revs = ids.length === 0 ? new Map<string, string>() : await currentRevs(db, ids);
  const docs: Record<string, unknown>[] = [];
  for (const [id, { value: write }] of writes) {
    const rev = revs.get(id);
    if (!write) {
      if (rev) docs.push({ _id: id, _rev: rev, _deleted: true });
      continue;
    }
    const doc: Record<string, unknown> = { _id: id };
    if (rev) doc._rev = rev;
    if (write.value !== null) doc.value = write.value;
    docs.push(doc);
  }
  return [...docs, ...keyRecords(updates)];
}
