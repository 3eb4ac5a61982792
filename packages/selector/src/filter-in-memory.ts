import { compileRowFilter } from './compile.js';
import { createFieldSorter } from './field-sorter.js';
import { getValue } from './first-key.js';
import type { DocRow, InMemoryRequest, MassagedSelector, SortEntry } from './types.js';

/**
 * True when `doc` passes the `inMemoryFields` of a massaged selector (pouchdb-selector-core's
 * `rowFilter`): the part of a query an index could not answer. Fields not in the selector pass.
 * Compiles on every call; {@link filterInMemoryFields} compiles once for many rows.
 * @param doc - the document.
 * @param selector - the massaged selector (see `massageSelector`).
 * @param inMemoryFields - the selector keys to test.
 */
export function rowFilter(
  doc: unknown,
  selector: MassagedSelector,
  inMemoryFields: readonly string[],
): boolean {
  return compileRowFilter(selector, inMemoryFields)(doc);
}

/**
 * pouchdb-selector-core's `filterInMemoryFields`: keeps the rows whose `doc` passes
 * {@link rowFilter}, then, like pouchdb-find after a scan, sorts them in memory when the
 * request has a `sort` (reversed when the first entry is `desc`) and applies `skip`/`limit`
 * when either is present.
 * @param rows - the candidate rows (not modified).
 * @param request - the massaged selector and the optional sort, skip and limit.
 * @param inMemoryFields - the selector keys to test.
 * @returns a new array of the kept rows.
 */
export function filterInMemoryFields<R extends DocRow>(
  rows: readonly R[],
  request: InMemoryRequest,
  inMemoryFields: readonly string[],
): R[] {
  const test = compileRowFilter(request.selector, inMemoryFields);
  let kept = rows.filter((row) => test(row.doc));
  if (request.sort) {
    kept.sort(createFieldSorter(request.sort));
    if (isDescending(request.sort)) kept.reverse();
  }
  if ('limit' in request || 'skip' in request) {
    const skip = request.skip || 0;
    const limit = 'limit' in request ? (request.limit as number) : kept.length;
    kept = kept.slice(skip, limit + skip);
  }
  return kept;
}

function isDescending(sort: readonly SortEntry[]): boolean {
  const first = sort[0];
  return first !== undefined && typeof first !== 'string' && getValue(first) === 'desc';
}
