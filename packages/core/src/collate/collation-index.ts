// The ranks of the kinds of value in CouchDB's collation. They double as the first character
// of each value's indexable string, so they must never change.

/** Rank of `null` (and of everything normalised to it), the lowest. */
export const RANK_NULL = 1;
/** Rank of `false` and `true` (`false` sorts first within it). */
export const RANK_BOOLEAN = 2;
/** Rank of finite numbers. */
export const RANK_NUMBER = 3;
/** Rank of strings. */
export const RANK_STRING = 4;
/** Rank of arrays. */
export const RANK_ARRAY = 5;
/** Rank of plain objects (anything else of type `object`). */
export const RANK_OBJECT = 6;

/**
 * The collation rank of an already normalised value (see `normalizeShallow`).
 *
 * Functions, symbols and bigints have no rank; pouchdb-collate yields `undefined` for them,
 * which turns its comparisons into `NaN`. `NaN` reproduces that: every subtraction and every
 * `!==` involving it behaves the same way.
 */
export function collationIndex(value: unknown): number {
  switch (typeof value) {
    case 'boolean':
      return RANK_BOOLEAN;
    case 'number':
      return RANK_NUMBER;
    case 'string':
      return RANK_STRING;
    case 'object':
      if (value === null) return RANK_NULL;
      return Array.isArray(value) ? RANK_ARRAY : RANK_OBJECT;
    default:
      return Number.NaN;
  }
}
