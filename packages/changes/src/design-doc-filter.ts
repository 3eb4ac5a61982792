import { createError, Errors, type Satchel } from '@satchel/core';
import { compileFunction } from './compile-function.js';
import { designDocEntry, getDesignDoc } from './design-doc.js';
import type { ChangeFilter } from './filter-function.js';

/**
 * Loads the filter `filterName` from `_design/<ddocName>`'s `filters` and compiles it. A
 * missing design doc rejects with 404 from `get`; a missing filter with PouchDB's 404
 * `missing json key: <name>` (or `missing json key: filters` when there is no `filters`).
 */
export async function loadDesignDocFilter(
  db: Satchel,
  [ddocName, filterName]: [string, string],
): Promise<ChangeFilter> {
  const ddoc = await getDesignDoc(db, ddocName);
  const source = designDocEntry(ddoc, 'filters', filterName);
  if (!source) {
    const hasFilters = Boolean(ddoc.filters);
    throw createError(
      Errors.MISSING_DOC,
      `missing json key: ${hasFilters ? filterName : 'filters'}`,
    );
  }
  return compileFunction<ChangeFilter>(`${ddocName}/${filterName}`, String(source));
}
