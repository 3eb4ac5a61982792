import { collate } from '@satchel/core';
import { getFieldFromDoc, parseField } from './field-path.js';
import { getKey } from './first-key.js';
import { isObject } from './is-object.js';
import type { DocRow, SortEntry } from './types.js';

/**
 * `<`/`>` ordering of two values, `0` when neither is smaller (pouchdb-selector-core's
 * `compare`).
 * @param left - any value.
 * @param right - any value.
 */
export function compare(left: unknown, right: unknown): number {
  const a = left as string;
  const b = right as string;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * An ascending row comparator for an in-memory sort, as pouchdb-selector-core's
 * `createFieldSorter`: the sort fields' values are collated as one array, and ties are broken by
 * `_id` (code-unit order). Descending sorts reverse the sorted rows afterwards (see
 * `filterInMemoryFields`), exactly as PouchDB does.
 * @param sort - the sort entries (`'field'` or `{field: 'asc' | 'desc'}`).
 */
export function createFieldSorter(sort: readonly SortEntry[]): (a: DocRow, b: DocRow) => number {
  const paths = sort.map((entry) => parseField(sortField(entry)));
  const valuesOf = (doc: unknown): unknown[] => paths.map((path) => getFieldFromDoc(doc, path));
  return (a, b) => {
    const order = collate(valuesOf(a.doc), valuesOf(b.doc));
    if (order !== 0) return order;
    return compare(idOf(a.doc), idOf(b.doc));
  };
}

/** The field a sort entry names. */
export function sortField(entry: SortEntry): string {
  return typeof entry === 'string' ? entry : (getKey(entry) ?? '');
}

function idOf(doc: unknown): unknown {
  return isObject(doc) ? doc._id : undefined;
}
