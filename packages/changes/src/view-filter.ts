import { createError, Errors, type Satchel } from '@satchel/core';
import { compileFunction } from './compile-function.js';
import { designDocEntry, getDesignDoc } from './design-doc.js';
import type { ChangeFilter } from './filter-function.js';

/**
 * The `_view` filter: loads the map function of the view named by `parts` (`'ddoc/view'` split,
 * or `null` when the `view` option was missing or no such name) and lets a change pass when the
 * map function emits anything for its document. Errors are PouchDB's: 400 when `view` is
 * missing or invalid, 404 for a missing design doc or view.
 */
export async function loadViewFilter(
  db: Satchel,
  parts: [string, string] | null,
): Promise<ChangeFilter> {
  if (!parts) {
    throw createError(Errors.BAD_REQUEST, '`view` filter parameter not found or invalid.');
  }
  const [ddocName, viewName] = parts;
  const ddoc = await getDesignDoc(db, ddocName);
  const viewDef = designDocEntry(ddoc, 'views', viewName) as { map?: unknown } | undefined;
  const source = viewDef && typeof viewDef === 'object' ? viewDef.map : undefined;
  if (!source) {
    const key = ddoc.views ? viewName : 'views';
    throw createError(Errors.MISSING_DOC, `missing json key: ${key}`);
  }
  return compileViewFilter(`${ddocName}/${viewName}`, String(source));
}

/** Wraps a map function's source in a filter that reports whether it called `emit`. */
export function compileViewFilter(name: string, mapSource: string): ChangeFilter {
  let emitted = false;
  const emit = (): void => {
    emitted = true;
  };
  const map = compileFunction<(doc: unknown) => unknown>(name, mapSource, ['emit'], [emit]);
  return (doc) => {
    emitted = false;
    map(doc);
    return emitted;
  };
}
