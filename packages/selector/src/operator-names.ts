import type { SatchelError } from '@satchel/core';
import { selectorError } from './selector-error.js';

/** Combination operators that hold a list of selectors (or, at field level, of conditions). */
export const LIST_COMBINATORS: ReadonlySet<string> = new Set(['$and', '$or', '$nor']);

/** Every combination operator: the list ones and `$not`. */
export const COMBINATION_OPERATORS: ReadonlySet<string> = new Set(['$and', '$or', '$nor', '$not']);

/** Operators that test one field's value. */
export const CONDITION_OPERATORS: ReadonlySet<string> = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$type',
  '$size',
  '$mod',
  '$regex',
  '$all',
  '$elemMatch',
  '$allMatch',
  '$keyMapMatch',
]);

/**
 * pouchdb-selector-core's `isCombinationalField`: true for `$or`, `$nor` and `$not`, the keys
 * its row filter treats as logic rather than as field names. `$and` is not among them because
 * massaging merges it away.
 * @param field - a selector key.
 */
export function isCombinationalField(field: string): boolean {
  return field === '$or' || field === '$nor' || field === '$not';
}

/** True when `key` names an operator (starts with `$`), as matching decides it. */
export function isOperatorKey(key: string): boolean {
  return key.startsWith('$');
}

/**
 * The error for an operator this package does not know.
 * @param key - the `$`-key met.
 */
export function unknownOperatorError(key: string): SatchelError {
  const known = [...CONDITION_OPERATORS, ...COMBINATION_OPERATORS].join(', ');
  return selectorError(`unknown operator "${key}" - should be one of ${known}`);
}
