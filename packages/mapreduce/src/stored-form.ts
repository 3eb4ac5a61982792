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
 * The value as PouchDB returns it: stored as JSON in the view database, so `-0` becomes `0`.
 * @param value - the normalised emitted value.
 */
export function storedValue(value: unknown): unknown {
  if (value === null) return null;
  if (typeof value === 'object') return JSON.parse(JSON.stringify(value));
  return Object.is(value, -0) ? 0 : value;
}
