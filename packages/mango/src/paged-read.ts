import type { DocRow, RowsRead } from './read-index.js';

/** Entries in the first page; each next page doubles, so what `skip` passes over stays O(n). */
const FIRST_PAGE = 32;

/** How {@link readPaged} reads and keeps. */
export interface PagedRead {
  /** Reads entries `skip` to `skip + limit` of the range, in range order. */
  read(skip: number, limit: number): Promise<RowsRead>;
  /** What of a page (in order) the query keeps. */
  keep(page: DocRow[]): DocRow[];
  /** Rows wanted: once this many are kept the rest of the range is not read. */
  wanted: number;
  /** True when the source was written since the first page (offsets may have shifted). */
  moved(): boolean;
}

/**
 * Reads a range a page at a time until `wanted` rows are kept or the range ends. A query with
 * a `limit` and conditions the index cannot decide then reads about as many documents as it
 * answers, where a read of the whole range reads them all. Pages are found by offset, so a
 * write between two pages could shift them: the read then gives up (`undefined`) and the
 * caller reads the range whole.
 */
export async function readPaged(how: PagedRead): Promise<DocRow[] | undefined> {
  const kept: DocRow[] = [];
  for (let skip = 0, size = FIRST_PAGE; ; skip += size, size *= 2) {
    const { rows, scanned } = await how.read(skip, size);
    if (how.moved()) return undefined;
    for (const row of how.keep(rows)) kept.push(row);
    if (kept.length >= how.wanted || scanned < size) return kept;
  }
}
