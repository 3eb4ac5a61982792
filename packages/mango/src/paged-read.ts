import type { DocRow, RowsRead } from './read-index.js';

/** Entries in the first page; each next page doubles, so a long range costs few reads. */
const FIRST_PAGE = 32;

/** How {@link readPaged} reads and keeps. */
export interface PagedRead {
  /**
   * Reads up to `limit` entries of the range, in range order, from the start or from just
   * after the entry keyed `after` (the `last` of the page before).
   */
  read(after: string | undefined, limit: number): Promise<RowsRead>;
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
 * answers, where a read of the whole range reads them all. Each page starts after the last
 * entry of the one before, so no entry is read twice. The pages are not one snapshot: when a
 * write lands between two of them the read gives up (`undefined`) and the caller reads the
 * range whole.
 */
export async function readPaged(how: PagedRead): Promise<DocRow[] | undefined> {
  const kept: DocRow[] = [];
  let after: string | undefined;
  for (let size = FIRST_PAGE; ; size *= 2) {
    const { rows, scanned, last } = await how.read(after, size);
    if (how.moved()) return undefined;
    for (const row of how.keep(rows)) kept.push(row);
    if (kept.length >= how.wanted || scanned < size || last === undefined) return kept;
    after = last;
  }
}
