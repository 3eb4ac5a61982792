import {
  type AllDocsOptions,
  parseIndexableString,
  type Satchel,
  toIndexableString,
  writeCounter,
} from '@satchel/core';
import { inIndexQueue, type MangoIndex } from './index-store.js';
import { updateIndex } from './update-index.js';
import type { ViewOptions } from './view-options.js';

/** A row of a query: the document (current winning revision). */
export interface DocRow {
  id: string;
  doc: Record<string, unknown>;
}

/** Rows read, and how many entries of the index (or `_all_docs`) the read went through. */
export interface RowsRead {
  rows: DocRow[];
  /** Entries read before documents deleted since (or design documents) were left out. */
  scanned: number;
  /** The key of the last entry read in its store, where a next page would start after. */
  last?: string;
}

/**
 * The smallest key above `key` in code-point order: where a page that continues after the
 * entry keyed `key` starts.
 */
export function justAfter(key: string): string {
  return `${key}\u0000`;
}

/** Above every row id (`toIndexableString` of an array starts with `5`), below the records. */
const ROWS_END = '5\uffff';

/** The range over row ids for view options, as PouchDB's map/reduce turns keys into one. */
function rowRange(opts: ViewOptions): AllDocsOptions {
  const descending = opts.descending === true;
  const range: AllDocsOptions = { descending };
  if (opts.key !== undefined) {
    const low = toIndexableString([opts.key]);
    const high = toIndexableString([opts.key, {}]);
    range.startkey = descending ? high : low;
    range.endkey = descending ? low : high;
  } else {
    if (opts.startkey !== undefined) {
      range.startkey = toIndexableString(descending ? [opts.startkey, {}] : [opts.startkey]);
    }
    if (opts.endkey !== undefined) {
      const inclusiveEnd = (opts.inclusive_end !== false) !== descending;
      range.endkey = toIndexableString(inclusiveEnd ? [opts.endkey, {}] : [opts.endkey]);
    }
  }
  // Keep the per-document records (ids `~…`) out of open-ended ranges.
  if (descending && range.startkey === undefined) range.startkey = ROWS_END;
  if (!descending && range.endkey === undefined) range.endkey = ROWS_END;
  if (opts.skip !== undefined) range.skip = opts.skip;
  if (opts.limit !== undefined) range.limit = opts.limit;
  return range;
}

/**
 * Fetches the documents of `ids` from the source, in order, leaving out any deleted since.
 * @param source - the source database.
 * @param ids - document ids.
 */
export async function fetchDocs(source: Satchel, ids: string[]): Promise<DocRow[]> {
  if (ids.length === 0) return [];
  const res = await source.allDocs({ keys: ids, include_docs: true });
  const rows: DocRow[] = [];
  for (const row of res.rows) {
    if (row.doc) rows.push({ id: row.id, doc: row.doc as Record<string, unknown> });
  }
  return rows;
}

/**
 * Updates the index unless the source announced no write since its last update (then there
 * is nothing to read, and the source is not asked).
 * @param source - the source database.
 * @param index - the index.
 */
export async function bringUpToDate(source: Satchel, index: MangoIndex): Promise<void> {
  // Read before the update: a write racing it leaves the count past the one recorded.
  const writes = writeCounter(source)?.count;
  if (writes !== undefined && index.upToDateAt === writes) return;
  await updateIndex(source, index);
  if (writes !== undefined) index.upToDateAt = writes;
}

/**
 * Brings the index up to date, then reads the rows `opts` selects, in index order, with their
 * documents (pouchdb-find's view query with `include_docs`).
 * @param source - the source database.
 * @param index - the index.
 * @param opts - key range, direction and paging.
 * @param after - for a page after the first: the row id it continues after (ascending only).
 */
export async function readIndex(
  source: Satchel,
  index: MangoIndex,
  opts: ViewOptions,
  after?: string,
): Promise<RowsRead> {
  const rowIds = await inIndexQueue(index, async () => {
    await bringUpToDate(source, index);
    const range = rowRange(opts);
    if (after !== undefined) range.startkey = justAfter(after);
    const res = await index.db.allDocs(range);
    return res.rows.map((row) => row.id);
  });
  const ids = rowIds.map((id) => (parseIndexableString(id) as unknown[])[1] as string);
  const read: RowsRead = { rows: await fetchDocs(source, ids), scanned: ids.length };
  if (rowIds.length > 0) read.last = rowIds[rowIds.length - 1];
  return read;
}
