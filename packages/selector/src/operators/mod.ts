import { isParsedInteger } from '../operand-checks.js';
import type { OperatorFactory } from './operator.js';

/**
 * `$mod: [divisor, remainder]`: the field is an integer (PouchDB's `parseInt` test) and
 * `value % divisor === remainder` with JavaScript's `%` (so the remainder takes the sign of the
 * value: `-7` passes `[3, -1]`).
 */
export const modOperator: OperatorFactory = (operand) => {
  const [divisor, remainder] = Array.isArray(operand) ? operand : [];
  return (value) =>
    typeof value === 'number' &&
    isParsedInteger(value) &&
    value % (divisor as number) === remainder;
};
