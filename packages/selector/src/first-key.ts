/**
 * The first own key of an object, e.g. the field of a sort entry `{name: 'desc'}` or the operator
 * of a condition `{$gt: 1}` (pouchdb-selector-core's `getKey`).
 * @param obj - an object (a string gives `'0'`, as in PouchDB).
 */
export function getKey(obj: object | string): string | undefined {
  return Object.keys(obj)[0];
}

/**
 * The value under {@link getKey}: `'desc'` for `{name: 'desc'}` (pouchdb-selector-core's
 * `getValue`).
 * @param obj - an object.
 */
export function getValue(obj: object | string): unknown {
  const key = getKey(obj);
  return key === undefined ? undefined : (obj as Record<string, unknown>)[key];
}
