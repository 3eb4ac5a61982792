import { type AllDocsOptions, parseIndexableString } from '@satchel/core';
import type { IndexRange } from './index-range.js';
import type { ViewEntry } from './view-entry.js';
import type { ViewIndex } from './view-index.js';
import type { ViewSource } from './view-source.js';

/** The `allDocs` options reading `range` from an index database. */
function rangeOptions(range: IndexRange, skip?: number, limit?: number): AllDocsOptions {
  const opts: AllDocsOptions = { include_docs: true, descending: range.descending };
  if (range.startkey !== undefined) opts.startkey = range.startkey;
  if (range.endkey !== undefined) opts.endkey = range.endkey;
  if (skip !== undefined) opts.skip = skip;
  if (limit !== undefined) opts.limit = limit;
  return opts;
}

/**
 * The row an index document of PouchDB before 3.0 holds whole in `value` (`{id, key, value}`),
 * recognised, as PouchDB does, by exactly those three keys; such indexes are still read as they
 * are (a migrated database's `stale: 'ok'` query answers from them).
 */
function olderRow(value: unknown): { id: string; key: unknown; value: unknown } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const keys = Object.keys(value).sort();
  return keys.join(',') === 'id,key,value'
    ? (value as { id: string; key: unknown; value: unknown })
    : undefined;
}

/** Turns an index document back into a view row. */
function toEntry(id: string, doc: Record<string, unknown>): ViewEntry {
  const older = olderRow(doc.value);
  if (older) return { indexKey: id, key: older.key, id: older.id, value: older.value };
  const [key, docId] = parseIndexableString(id) as unknown[];
  return { indexKey: id, key, id: docId as string, value: 'value' in doc ? doc.value : null };
}

/**
 * A {@link ViewSource} reading a design-doc view's stored index. Its row count is the one each
 * range read answers with (the index database's `total_rows`), so a query asks nothing more of
 * the index than its rows.
 * @param index - the view's index database.
 * @param updateSeq - reads the source sequence the index reflects (only `update_seq` asks).
 */
export function indexSource(
  index: ViewIndex,
  updateSeq: () => Promise<number | string>,
): ViewSource {
  let totalRows = 0;
  return {
    totalRows: () => totalRows,
    updateSeq,
    async select(range, skip, limit) {
      const res = await index.db.allDocs(rangeOptions(range, skip, limit));
      totalRows = res.total_rows;
      return res.rows.map((row) => toEntry(row.id, (row.doc ?? {}) as Record<string, unknown>));
    },
  };
}
