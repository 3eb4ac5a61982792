import type { OperatorFactory } from './operator.js';

/** `$size`: the field is an array of exactly that many items. */
export const sizeOperator: OperatorFactory = (operand) => (value) =>
  Array.isArray(value) && value.length === operand;
