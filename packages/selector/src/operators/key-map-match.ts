import type { OperatorFactory } from './operator.js';

/**
 * `$keyMapMatch` (CouchDB's; pouchdb-selector-core 9 does not know it): the field is an object
 * (not an array) with at least one key that matches the operand, read as a condition on the key.
 */
export const keyMapMatchOperator: OperatorFactory = (operand, context) => {
  const keyTest = context.condition(operand);
  return (value) => {
    if (Object.prototype.toString.call(value) !== '[object Object]') return false;
    for (const key of Object.keys(value as object)) if (keyTest(key)) return true;
    return false;
  };
};
