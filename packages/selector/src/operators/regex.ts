import { selectorError } from '../selector-error.js';
import { asList, type OperatorFactory } from './operator.js';

/**
 * `$regex`: the field is a string matched by every pattern (JavaScript regular expressions, as in
 * PouchDB; a massaged selector holds a list). Patterns compile once, when the selector does; a
 * pattern that does not compile is a 400 error.
 */
export const regexOperator: OperatorFactory = (operand) => {
  const patterns = asList(operand).map(compilePattern);
  return (value) => typeof value === 'string' && patterns.every((re) => test(re, value));
};

function compilePattern(pattern: unknown): RegExp {
  try {
    return new RegExp(pattern as string | RegExp);
  } catch (err) {
    throw selectorError(`Query operator $regex has an invalid pattern: ${(err as Error).message}`);
  }
}

/** Tests from the start of the string every time, whatever the pattern's `g`/`y` flags. */
function test(re: RegExp, value: string): boolean {
  re.lastIndex = 0;
  return re.test(value);
}
