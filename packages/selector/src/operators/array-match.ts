import type { DocumentTest, ValueTest } from '../types.js';
import type { CompileContext, OperatorFactory } from './operator.js';

type Quantifier = 'some' | 'every';

/**
 * Builds `$elemMatch` (`some`) or `$allMatch` (`every`), with pouchdb-selector-core's rules: the
 * field must be a non-empty array; when its first item is an object (or array), every item is
 * tested as a document against the operand read as a selector (operator keys there are field
 * names); otherwise every item is tested as a value against the operand read as a condition.
 */
function arrayMatch(quantifier: Quantifier): OperatorFactory {
  return (operand: unknown, context: CompileContext): ValueTest => {
    const asSelector: DocumentTest = context.selector(operand);
    const asCondition: ValueTest = context.condition(operand);
    return (value) => {
      if (!Array.isArray(value) || value.length === 0) return false;
      const first: unknown = value[0];
      const test = typeof first === 'object' && first !== null ? asSelector : asCondition;
      return quantifier === 'some' ? someItem(value, test) : everyItem(value, test);
    };
  };
}

/** `$elemMatch`: at least one item of the array matches. */
export const elemMatchOperator = arrayMatch('some');

/** `$allMatch`: every item of a non-empty array matches (an empty array never does). */
export const allMatchOperator = arrayMatch('every');

function someItem(items: readonly unknown[], test: ValueTest): boolean {
  for (const item of items) if (test(item)) return true;
  return false;
}

function everyItem(items: readonly unknown[], test: ValueTest): boolean {
  for (const item of items) if (!test(item)) return false;
  return true;
}
