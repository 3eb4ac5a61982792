import { collate } from '@satchel/core';
import type { ValueTest } from '../types.js';
import { asList, type OperatorFactory } from './operator.js';

/**
 * `$eq`: the field exists (is not `undefined`; `null` counts) and collates equal to the operand.
 * @param value - the field's value.
 * @param operand - the value to compare with.
 */
export function equals(value: unknown, operand: unknown): boolean {
  return value !== undefined && collate(value, operand) === 0;
}

/** Builds an ordering operator: the field exists and `collate(value, operand)` passes `accept`. */
function ordering(accept: (order: number) => boolean): OperatorFactory {
  return (operand): ValueTest =>
    (value) =>
      value !== undefined && accept(collate(value, operand));
}

/** `$eq`. */
export const eqOperator: OperatorFactory = (operand) => (value) => equals(value, operand);
/** `$gt`: collates after the operand. */
export const gtOperator = ordering((order) => order > 0);
/** `$gte`: collates after or equal to the operand. */
export const gteOperator = ordering((order) => order >= 0);
/** `$lt`: collates before the operand. */
export const ltOperator = ordering((order) => order < 0);
/** `$lte`: collates before or equal to the operand. */
export const lteOperator = ordering((order) => order <= 0);

/**
 * `$ne`: collates unequal to every listed value. A missing field counts as `null` here (so it
 * passes `$ne: 1` and fails `$ne: null`), as in PouchDB.
 */
export const neOperator: OperatorFactory = (operand) => {
  const excluded = asList(operand);
  return (value) => excluded.every((other) => collate(value, other) !== 0);
};
