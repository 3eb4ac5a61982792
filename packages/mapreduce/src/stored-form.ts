import { parseIndexableString } from '@satchel/core';

/**
 * The key as PouchDB returns it: parsed back from the indexable string it is stored under (so
 * `-0` comes back as `0`, exactly as in PouchDB).
 * @param indexKey - the row's indexable string, `[key, id, …]`.
 */
export function storedKey(indexKey: string): unknown {
  return (parseIndexableString(indexKey) as unknown[])[0];
}

/**
 * The value as PouchDB returns it: stored as JSON in the view database, so `-0` becomes `0`
 * and a function or symbol becomes `null`. Throws (as `JSON.stringify` does) on a value JSON
 * cannot hold: a bigint, a circular structure, a `toJSON` that throws.
 * @param value - the normalised emitted value.
 */
export function storedValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Object.is(value, -0) ? 0 : value;
    default: {
      if (value === null) return null;
      const json = JSON.stringify(value);
      return json === undefined ? null : JSON.parse(json);
    }
  }
}
