import { matchesSelector, parseField, type Selector } from '@satchel/selector';

/** The key a document has in an index, or `undefined` when the index leaves it out. */
export type KeyOf = (doc: Record<string, unknown>) => unknown;

/** What `map` of a pouchdb-find design-doc view holds. */
export interface MapDefinition {
  fields: Record<string, string>;
  partial_filter_selector?: Selector;
}

/** An own member of a value (strings and arrays have own indexes and `length`), else undefined. */
function member(value: unknown, key: string): unknown {
  if (value === null || value === undefined) return undefined;
  const boxed = Object(value) as Record<string, unknown>;
  return Object.hasOwn(boxed, key) ? boxed[key] : undefined;
}

/** A nested value; `undefined` when the path leaves the document. */
function deepValue(doc: unknown, path: readonly string[]): unknown {
  let value = doc;
  for (const key of path) {
    value = member(value, key);
    if (value === undefined) return undefined;
  }
  return value;
}

/**
 * The key function of an index, with pouchdb-find 9's mapper semantics, which decide which
 * documents a query through the index can see:
 * - with no dotted field, every document is indexed and a missing field counts as `null`
 *   (`{a: {$lte: 5}}` reads documents without `a` from an index on `a`, as in PouchDB, where
 *   they end up in the answer; `find` tests every row against the whole selector and drops them);
 * - with a dotted field, a document missing any indexed field is left out;
 * - one field gives the value itself as key, several give the array of values;
 * - with a `partial_filter_selector`, only matching documents are indexed.
 * Only own members are read, so `constructor` or `__proto__` never reach a prototype.
 * @param map - the view's `map` (`fields` in index order, optional partial filter).
 */
export function createKeyOf(map: MapDefinition): KeyOf {
  const fields = Object.keys(map.fields);
  const deep = fields.some((field) => field.includes('.'));
  const paths = fields.map((field) => (deep ? parseField(field) : [field]));
  const filter = map.partial_filter_selector;
  const single = paths.length === 1;
  const keyOf: KeyOf = (doc) => {
    const values: unknown[] = [];
    for (const path of paths) {
      const value = deepValue(doc, path);
      if (value === undefined && deep) return undefined;
      values.push(value === undefined ? null : value);
    }
    return single ? values[0] : values;
  };
  if (!filter) return keyOf;
  return (doc) => (matchesSelector(doc, filter) ? keyOf(doc) : undefined);
}
