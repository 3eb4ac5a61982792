import type { Satchel } from '@satchel/core';
import type { MapRow, QueryOptions } from './types.js';

/** The document a row links to: the value's `_id` when it has one, else the emitting doc. */
function linkedId(row: MapRow): string {
  const value = row.value;
  if (value !== null && typeof value === 'object' && '_id' in value) {
    const id = (value as { _id: unknown })._id;
    if (id) return id as string;
  }
  return row.id;
}

/**
 * Adds `doc` to each row, as PouchDB does for `include_docs`: one `allDocs({keys})` read through
 * the instance (so wrappers see it), honouring `conflicts` and `attachments`; a missing or
 * deleted linked document leaves `doc` out.
 * @param db - the source database.
 * @param rows - the map rows to complete.
 * @param opts - the query options.
 */
export async function includeDocs(db: Satchel, rows: MapRow[], opts: QueryOptions): Promise<void> {
  const ids = [...new Set(rows.map(linkedId))];
  const res = await db.allDocs({
    keys: ids,
    include_docs: true,
    conflicts: opts.conflicts,
    attachments: opts.attachments,
    binary: opts.binary,
  });
  const docs = new Map<string, NonNullable<MapRow['doc']>>();
  for (const row of res.rows) {
    if (row.doc) docs.set(row.id, row.doc as NonNullable<MapRow['doc']>);
  }
  for (const row of rows) {
    const doc = docs.get(linkedId(row));
    if (doc) row.doc = doc;
  }
}
