import type { AllDocsOptions, Satchel } from '@satchel/core';
import { type DocRow, justAfter, type RowsRead } from './read-index.js';
import type { ViewOptions } from './view-options.js';

/** `_all_docs` accepts only string keys: PouchDB's handling of other ones (CouchDB's). */
function stringKeys(opts: ViewOptions, allDocs: AllDocsOptions): boolean {
  let empty = false;
  const low = opts.descending ? 'endkey' : 'startkey';
  const high = opts.descending ? 'startkey' : 'endkey';
  if (low in opts) allDocs[low] = typeof opts[low] === 'string' ? (opts[low] as string) : '';
  if (high in opts) {
    if (typeof opts[high] === 'string') allDocs[high] = opts[high] as string;
    else empty = true;
  }
  if ('key' in opts) {
    if (typeof opts.key === 'string') allDocs.key = opts.key;
    else empty = true;
  }
  return empty;
}

/**
 * pouchdb-find's read of the special `_all_docs` index: a non-string lower bound starts at
 * `''`, a non-string upper bound or key gives nothing; design documents are dropped from the
 * rows, the limit being raised by the number of indexes first so that they do not eat into it
 * (`skip` still counts them, as in PouchDB).
 * @param source - the database.
 * @param opts - key range, direction and paging.
 * @param indexCount - how many indexes `getIndexes` listed.
 * @param after - for a page after the first: the id it continues after (ascending only).
 */
export async function scanAllDocs(
  source: Satchel,
  opts: ViewOptions,
  indexCount: number,
  after?: string,
): Promise<RowsRead> {
  const allDocs: AllDocsOptions = { include_docs: true };
  if (opts.descending) allDocs.descending = true;
  if (opts.inclusive_end !== undefined) allDocs.inclusive_end = opts.inclusive_end;
  if (opts.skip !== undefined) allDocs.skip = opts.skip;
  let limit = opts.limit;
  if (stringKeys(opts, allDocs)) limit = 0;
  if (after !== undefined) allDocs.startkey = justAfter(after);
  if (limit !== undefined) allDocs.limit = limit > 0 ? limit + indexCount : limit;
  const res = await source.allDocs(allDocs);
  const rows: DocRow[] = [];
  for (const row of res.rows) {
    if (!row.id.startsWith('_design/') && row.doc) {
      rows.push({ id: row.id, doc: row.doc as Record<string, unknown> });
    }
  }
  const read: RowsRead = {
    rows: limit === undefined ? rows : rows.slice(0, limit),
    scanned: res.rows.length,
  };
  const last = res.rows[res.rows.length - 1];
  if (last) read.last = last.id;
  return read;
}
