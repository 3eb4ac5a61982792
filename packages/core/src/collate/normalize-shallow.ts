/**
 * One level of key normalisation, applied to each value as the walkers meet it so that no
 * normalised copy of the whole key is ever built just to compare or encode it.
 *
 * - `undefined`, `NaN` and `±Infinity` become `null` (CouchDB has no such values);
 * - a `Date` becomes its `toJSON()` string (`null` when invalid);
 * - everything else, arrays and objects included, is returned as is: their members are
 *   normalised by whoever walks them.
 */
export function normalizeShallow(value: unknown): unknown {
  switch (typeof value) {
    case 'undefined':
      return null;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      // pouchdb-collate tests for arrays before dates; keep that precedence.
      if (value === null || Array.isArray(value) || !(value instanceof Date)) return value;
      return value.toJSON();
    default:
      return value;
  }
}
