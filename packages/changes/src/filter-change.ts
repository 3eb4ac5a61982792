import {
  type AnyDoc,
  type ChangesResult,
  createError,
  Errors,
  isSatchelError,
} from '@satchel/core';
import type { ChangeFilter } from './filter-function.js';
import type { FilterRequest } from './types.js';

/** What a filter said about one change: keep it, drop it, or the error it threw. */
export type FilterVerdict = boolean | Error;

/**
 * Runs `filter` on one change the way PouchDB's `filterChange` does: the filter sees the
 * change's document (`{}` when the source sent none), a throw becomes a 400 `Filter function
 * threw: …`, and `doc` is removed from kept changes unless the caller asked for docs.
 */
export function filterChange(
  change: ChangesResult,
  filter: ChangeFilter | undefined,
  req: FilterRequest,
  includeDocs: boolean,
): FilterVerdict {
  if (filter) {
    const verdict = runFilter(filter, (change.doc ?? {}) as AnyDoc, req);
    if (verdict !== true) return verdict;
  }
  if (!includeDocs) delete change.doc;
  return true;
}

function runFilter(filter: ChangeFilter, doc: AnyDoc, req: FilterRequest): FilterVerdict {
  try {
    return Boolean(filter(doc, req));
  } catch (err) {
    return createError(Errors.BAD_REQUEST, `Filter function threw: ${describeThrown(err)}`);
  }
}

/** How PouchDB names a thrown value: `Error: message` for errors (ours included), else as is. */
export function describeThrown(err: unknown): string {
  if (isSatchelError(err)) return `Error: ${err.message}`;
  return String(err);
}
