import type { ValueTest } from '../types.js';
import type { OperatorFactory } from './operator.js';

const TYPE_TESTS: Readonly<Record<string, ValueTest>> = {
  null: (value) => value === null,
  boolean: (value) => typeof value === 'boolean',
  number: (value) => typeof value === 'number',
  string: (value) => typeof value === 'string',
  array: (value) => Array.isArray(value),
  object: (value) => Object.prototype.toString.call(value) === '[object Object]',
};

/**
 * `$type`: the field's JSON type is the named one (`null`, `boolean`, `number`, `string`,
 * `array`, `object`; arrays are not objects). A missing field has no type. An unknown name never
 * passes (validation refuses it first).
 */
export const typeOperator: OperatorFactory = (operand) => {
  const test =
    typeof operand === 'string' && Object.hasOwn(TYPE_TESTS, operand)
      ? TYPE_TESTS[operand]
      : undefined;
  return test ?? (() => false);
};
