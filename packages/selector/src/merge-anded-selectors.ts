import { isObject } from './is-object.js';
import { mergeOperator, setMember } from './merge-operators.js';
import { isCombinationalField } from './operator-names.js';

type SelectorObject = Record<string, unknown>;

/** Which list combinators have not been seen yet in the current merge. */
interface FirstSeen {
  $or: boolean;
  $nor: boolean;
}

/**
 * Merges selectors that are and-ed together into one selector, as pouchdb-selector-core 9's
 * `mergeAndedSelectors` does (see {@link mergeOperator} for how one field's operators fold):
 * - a literal condition becomes `{$eq: literal}` (`null` too, where PouchDB throws);
 * - the first `$or`/`$nor` list is kept as it is; each later one is crossed with the kept list,
 *   keeping only merged pairs that have more fields than the larger of the two (PouchDB's rule,
 *   which drops pairs over the same fields even when they could both hold);
 * - `$not` operands are merged recursively, the last one winning;
 * - a nested `$and` (which PouchDB mangles into an unusable field) is flattened into the merge.
 * @param selectors - the members of an `$and`.
 * @returns a new selector object (operands are shared, not copied).
 */
export function mergeAndedSelectors(selectors: readonly unknown[]): SelectorObject {
  const result: SelectorObject = {};
  const first: FirstSeen = { $or: true, $nor: true };
  for (const selector of selectors) mergeInto(result, selector, first);
  return result;
}

function mergeInto(result: SelectorObject, selector: unknown, first: FirstSeen): void {
  if (!isObject(selector)) return;
  for (const field of Object.keys(selector)) {
    const raw = selector[field];
    const matcher = isObject(raw) ? raw : { $eq: raw };
    if (field === '$and' && Array.isArray(matcher)) {
      for (const member of matcher) mergeInto(result, member, first);
    } else if (isCombinationalField(field)) {
      mergeCombination(result, field as '$or' | '$nor' | '$not', matcher, first);
    } else {
      mergeField(result, field, matcher);
    }
  }
}

function mergeCombination(
  result: SelectorObject,
  field: '$or' | '$nor' | '$not',
  matcher: Record<string, unknown>,
  first: FirstSeen,
): void {
  if (!Array.isArray(matcher)) {
    result[field] = mergeAndedSelectors([matcher]);
    return;
  }
  if (field === '$not' || first[field]) {
    if (field !== '$not') first[field] = false;
    result[field] = matcher;
    return;
  }
  const kept = Array.isArray(result[field]) ? (result[field] as unknown[]) : [];
  if (kept.length * matcher.length > MAX_CROSSED_MEMBERS) {
    deferList(result, field, matcher);
    return;
  }
  result[field] = crossLists(kept, matcher);
}

/**
 * The most members a crossed list may reach. PouchDB's product grows with every and-ed list
 * (six lists of ten members make a million selectors, seven exhaust the heap), so past this
 * size the list is kept beside the others, under `$and`, and tested as written instead.
 */
const MAX_CROSSED_MEMBERS = 1000;

/**
 * Keeps an and-ed `$or`/`$nor` list uncrossed: `{$and: [{$or: members}]}` (merged, so literals
 * become `$eq` as crossing would make them). It then means exactly "and", without PouchDB's
 * dropping of pairs over the same fields.
 */
function deferList(result: SelectorObject, field: '$or' | '$nor', members: unknown[]): void {
  const deferred = Array.isArray(result.$and) ? (result.$and as unknown[]) : [];
  deferred.push({ [field]: members.map((member) => mergeAndedSelectors([member])) });
  result.$and = deferred;
}

/** PouchDB's product of two and-ed `$or` (or `$nor`) lists. */
function crossLists(kept: readonly unknown[], added: readonly unknown[]): SelectorObject[] {
  const entries: SelectorObject[] = [];
  for (const existing of kept) {
    for (const member of added) {
      const longest = Math.max(keyCount(existing), keyCount(member));
      const merged = mergeAndedSelectors([existing, member]);
      if (Object.keys(merged).length > longest) entries.push(merged);
    }
  }
  return entries;
}

function keyCount(value: unknown): number {
  return isObject(value) ? Object.keys(value).length : 0;
}

function mergeField(result: SelectorObject, field: string, matcher: Record<string, unknown>): void {
  let ops = Object.hasOwn(result, field) ? result[field] : undefined;
  if (!isObject(ops)) {
    ops = {};
    setMember(result, field, ops);
  }
  for (const operator of Object.keys(matcher)) {
    mergeOperator(ops as Record<string, unknown>, operator, matcher[operator]);
  }
}
