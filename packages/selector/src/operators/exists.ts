import type { OperatorFactory } from './operator.js';

/**
 * `$exists`: `true` passes any value but `undefined` (`null` exists), `false` passes only a
 * missing field. A truthy/falsy operand is read as `true`/`false`, as in PouchDB.
 */
export const existsOperator: OperatorFactory = (operand) =>
  operand ? (value) => value !== undefined : (value) => value === undefined;
