import { clone, isPlainObject } from '@satchel/core';
import { isObject, isRecord } from './is-object.js';
import { mergeAndedSelectors } from './merge-anded-selectors.js';
import { setMember } from './merge-operators.js';
import { LIST_COMBINATORS } from './operator-names.js';
import { selectorError } from './selector-error.js';
import { childPosition, type Position } from './selector-position.js';
import type { MassagedSelector, Selector } from './types.js';
import { validateSelector } from './validate-selector.js';
import { walkStructure } from './walk-structure.js';

/**
 * Normalises a selector exactly as pouchdb-selector-core 9's `massageSelector` (which
 * pouchdb-find runs before planning and filtering), on a copy:
 * 1. in every `$and`/`$or`/`$nor` list of a selector (at any depth), a member holding `$and`
 *    is replaced by the merge of that `$and` (its other keys are dropped, as in PouchDB);
 * 2. a top-level `$and` replaces the whole selector by the merge of its members (so keys next
 *    to a top-level `$and` are dropped: PouchDB's behaviour);
 * 3. literal conditions in the members of a top-level `$or`/`$nor` become `{$eq: literal}`;
 * 4. a top-level `$not` is merged (literals become `$eq`, `$ne`/`$regex` become lists);
 * 5. top-level literal conditions (including `null`) become `{$eq: literal}`;
 * 6. every `$ne` and `$regex` operand that is not already an array is wrapped in one (so an
 *    array operand of `$ne` outside an `$and` means "none of these", a PouchDB quirk).
 *
 * The selector is validated first ({@link validateSelector}). Unlike PouchDB, operands of value
 * operators are data and are never rewritten, and `$and`/`$or`/`$nor` inside a field's condition
 * (which PouchDB cannot match) are left as written.
 * @param selector - the selector as the user wrote it (not modified).
 * @returns a new, massaged selector.
 */
export function massageSelector(selector: Selector): MassagedSelector {
  validateSelector(selector);
  let result = copySelector(selector);
  walkStructure(result, 'selector', mergeNestedAnds);
  if (Object.hasOwn(result, '$and')) result = mergeAndedSelectors(result.$and as unknown[]);
  for (const key of ['$or', '$nor']) {
    const members = result[key];
    if (Array.isArray(members)) members.forEach(wrapLiterals);
  }
  if (Object.hasOwn(result, '$not')) result.$not = mergeAndedSelectors([result.$not]);
  wrapLiterals(result);
  walkStructure(result, 'selector', wrapListOperands);
  return result;
}

/**
 * Deep copy (dates become ISO strings, as PouchDB's `clone` makes them). The selector's own
 * structure is copied here rather than by `clone`, which drops `__proto__` keys: a condition on
 * a field named `__proto__` must stay a condition, not vanish and let every document match.
 * Operands of value operators are data and go through `clone`.
 */
function copySelector(selector: Selector): Record<string, unknown> {
  try {
    return copyStructure(selector, 'selector') as Record<string, unknown>;
  } catch (err) {
    throw selectorError(`Selector error: ${(err as Error).message}`);
  }
}

/** Copies one node read at `position` (validation has bounded the structure's depth). */
function copyStructure(node: unknown, position: Position): unknown {
  if (!isObject(node) || !(Array.isArray(node) || isPlainObject(node))) return clone(node);
  if (Array.isArray(node)) return node.map((item) => copyStructure(item, 'condition'));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (value === undefined) continue;
    const inner = childPosition(key, position);
    let member: unknown;
    if (inner === undefined) member = clone(value);
    else if (LIST_COMBINATORS.has(key) && Array.isArray(value)) {
      member = value.map((item) => copyStructure(item, inner));
    } else member = copyStructure(value, inner);
    setMember(copy, key, member);
  }
  return copy;
}

/** Step 1: in a selector's combinator lists, members holding `$and` become its merge. */
function mergeNestedAnds(node: Record<string, unknown> | unknown[], position: Position): void {
  if (position === 'condition' || Array.isArray(node)) return;
  for (const key of LIST_COMBINATORS) {
    const members = node[key];
    if (!Array.isArray(members)) continue;
    for (let i = 0; i < members.length; i++) {
      const member: unknown = members[i];
      if (isRecord(member) && member.$and) {
        members[i] = mergeAndedSelectors(member.$and as unknown[]);
      }
    }
  }
}

/** Steps 3 and 5: a selector's literal (non-object or null) conditions become `{$eq: …}`. */
function wrapLiterals(selector: unknown): void {
  if (!isObject(selector)) return;
  for (const field of Object.keys(selector)) {
    const condition = selector[field];
    if (!isObject(condition)) selector[field] = { $eq: condition };
  }
}

/** Step 6: `$ne` and `$regex` operands become lists. */
function wrapListOperands(node: Record<string, unknown> | unknown[]): void {
  if (Array.isArray(node)) return;
  for (const key of ['$ne', '$regex']) {
    if (Object.hasOwn(node, key) && !Array.isArray(node[key])) node[key] = [node[key]];
  }
}
