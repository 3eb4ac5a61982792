import { isObject } from '../is-object.js';
import type { ValueTest } from '../types.js';
import { equals } from './comparison.js';
import type { CompileContext, OperatorFactory } from './operator.js';

/**
 * Combination operators inside a field's condition, CouchDB style (pouchdb-selector-core 9
 * rejects them there as unknown operators): `{age: {$or: [{$lt: 18}, {$gt: 65}]}}`. Each member
 * is a condition on the same value; a literal member means `$eq` to it.
 */
function members(operand: unknown, context: CompileContext): ValueTest[] {
  const tests: ValueTest[] = [];
  if (!Array.isArray(operand)) return tests;
  for (const member of operand as unknown[]) {
    tests.push(isObject(member) ? context.condition(member) : (value) => equals(value, member));
  }
  return tests;
}

/** True when some test passes `value`. */
function anyPasses(tests: readonly ValueTest[], value: unknown): boolean {
  for (const test of tests) if (test(value)) return true;
  return false;
}

/** `$and` on a value: every member matches. */
export const andOperator: OperatorFactory = (operand, context) => {
  const tests = members(operand, context);
  return (value) => {
    for (const test of tests) if (!test(value)) return false;
    return true;
  };
};

/** `$or` on a value: some member matches. */
export const orOperator: OperatorFactory = (operand, context) => {
  const tests = members(operand, context);
  return (value) => anyPasses(tests, value);
};

/** `$nor` on a value: no member matches. */
export const norOperator: OperatorFactory = (operand, context) => {
  const tests = members(operand, context);
  return (value) => !anyPasses(tests, value);
};

/** `$not` on a value: the operand condition does not match. */
export const notOperator: OperatorFactory = (operand, context) => {
  const test = context.condition(operand);
  return (value) => !test(value);
};
