import { isObject, isRecord } from './is-object.js';
import { checkOperand } from './operand-checks.js';
import {
  CONDITION_OPERATORS,
  isOperatorKey,
  LIST_COMBINATORS,
  unknownOperatorError,
} from './operator-names.js';
import { checkDepth, selectorError } from './selector-error.js';
import { childPosition, type Position } from './selector-position.js';
import type { Selector } from './types.js';

/**
 * Checks that `selector` is a well-formed Mango selector, throwing a 400 `bad_request`
 * `SatchelError` (never anything else) for the first problem found:
 * - the selector is not an object (`Selector error: expected a JSON object`);
 * - an operand has the wrong type, with pouchdb-find 9's exact messages (`$in`, `$nin`, `$all`,
 *   `$and`, `$or`, `$nor` and `$mod` need arrays; `$not`, `$elemMatch`, `$allMatch`,
 *   `$keyMapMatch` objects; `$exists` a boolean; `$size` an integer; `$type` a type name;
 *   `$regex` a string or RegExp; `$mod` two integers, the divisor non-zero);
 * - a `$regex` pattern does not compile;
 * - an unknown operator (`unknown operator "$foo"`), including a `$`-key other than `$and`,
 *   `$or`, `$nor`, `$not` where field names are expected (escape it: `\\$foo`);
 * - a member of a selector-level `$and`/`$or`/`$nor` that is not a selector object;
 * - nesting deeper than `MAX_SELECTOR_DEPTH` (512) levels.
 *
 * Operands of value operators (`$eq`, `$in`…) are data and are not inspected.
 * @param selector - the selector to check.
 * @param options - `remote` for a selector sent to a server.
 */
export function validateSelector(
  selector: unknown,
  options: ValidateSelectorOptions = {},
): asserts selector is Selector {
  if (!isRecord(selector)) throw selectorError('Selector error: expected a JSON object');
  new SelectorWalk(options.remote === true).validateObject(selector, 'selector', 1);
}

/** {@link validateSelector}'s options. */
export interface ValidateSelectorOptions {
  /**
   * The selector goes to a server: pouchdb-find's http checks, where a `$regex` must be a
   * string (a RegExp cannot be sent), with its message `Query operator $regex must be a string.`
   */
  remote?: boolean;
}

/** One validation walk; `remote` picks pouchdb-find's http operand checks. */
class SelectorWalk {
  constructor(private readonly remote: boolean) {}

  validateObject(node: Record<string, unknown>, position: Position, depth: number): void {
    checkDepth(depth);
    for (const [key, value] of Object.entries(node)) {
      checkOperand(key, value, this.remote);
      this.validateEntry(key, value, position, depth);
    }
  }

  validateEntry(key: string, value: unknown, position: Position, depth: number): void {
    if (LIST_COMBINATORS.has(key)) {
      this.validateMembers(key, value as unknown[], position, depth + 1);
    } else if (key === '$not') {
      this.validateNested(value, position, depth + 1);
    } else if (position === 'selector' || !isOperatorKey(key)) {
      if (isOperatorKey(key)) throw unknownOperatorError(key);
      this.validateCondition(value, depth + 1);
    } else {
      this.validateOperator(key, value, position, depth + 1);
    }
  }

  validateMembers(
    key: string,
    members: readonly unknown[],
    position: Position,
    depth: number,
  ): void {
    for (const member of members) {
      if (position === 'condition') {
        this.validateCondition(member, depth);
      } else if (isRecord(member)) {
        this.validateObject(member, position, depth);
      } else {
        throw selectorError(`Query operator ${key} must be an array of selector objects.`);
      }
    }
  }

  /** A condition: a literal, an array (read as conditions on its indexes), or an object. */
  validateCondition(value: unknown, depth: number): void {
    if (!isObject(value)) return;
    if (!Array.isArray(value)) {
      this.validateObject(value, 'condition', depth);
      return;
    }
    checkDepth(depth);
    for (const item of value) this.validateCondition(item, depth + 1);
  }

  validateNested(value: unknown, position: Position, depth: number): void {
    if (isRecord(value)) this.validateObject(value, position, depth);
  }

  validateOperator(key: string, operand: unknown, position: Position, depth: number): void {
    if (!CONDITION_OPERATORS.has(key)) throw unknownOperatorError(key);
    if (key === '$regex') checkPattern(operand);
    const inner = childPosition(key, position);
    if (inner !== undefined) this.validateNested(operand, inner, depth);
  }
}

function checkPattern(operand: unknown): void {
  if (typeof operand !== 'string') return;
  try {
    new RegExp(operand);
  } catch (err) {
    throw selectorError(`Query operator $regex has an invalid pattern: ${(err as Error).message}`);
  }
}
