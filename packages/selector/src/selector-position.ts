import { isOperatorKey } from './operator-names.js';

/**
 * Where a part of a selector sits, which decides how its keys are read:
 * - `selector`: keys are field names or combination operators (the top level, the members of
 *   `$and`/`$or`/`$nor` and the operand of `$not` there);
 * - `condition`: keys are operators or sub-field names, tested against one value (a field's
 *   condition, and the combination operators' operands inside it);
 * - `either`: the operand of `$elemMatch`/`$allMatch`, read as a selector for arrays whose
 *   first element is an object and as a condition otherwise (pouchdb-selector-core's rule).
 */
export type Position = 'selector' | 'condition' | 'either';

/**
 * The position of what sits under `key` in an object at `position`, or `undefined` for an
 * operator's operand (plain data, never read as selector syntax).
 * @param key - a key of the object.
 * @param position - where the object itself sits.
 */
export function childPosition(key: string, position: Position): Position | undefined {
  if (key === '$and' || key === '$or' || key === '$nor' || key === '$not') return position;
  if (position === 'selector' || !isOperatorKey(key)) return 'condition';
  if (key === '$elemMatch' || key === '$allMatch') return 'either';
  if (key === '$keyMapMatch') return 'condition';
  return undefined;
}
