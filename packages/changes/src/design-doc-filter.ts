import { createError, Errors, type Satchel } from '@satchel/core';
import { compileFunction } from './compile-function.js';
import { designDocEntry, getDesignDoc } from './design-doc.js';
import { parseDesignDocFunctionName } from './design-doc-name.js';
import type { ChangeFilter } from './filter-function.js';

/**
 * Loads the filter named `'ddoc/name'` from `_design/ddoc`'s `filters` and compiles it. A
 * missing design doc rejects with 404 from `get`; a missing filter with PouchDB's 404
 * `missing json key: <name>` (or `missing json key: filters` when there is no `filters`).
 */
export async function loadDesignDocFilter(db: Satchel, name: string): Promise<ChangeFilter> {
  const [ddocName, filterName] = parseDesignDocFunctionName(name) ?? [name, name];
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
