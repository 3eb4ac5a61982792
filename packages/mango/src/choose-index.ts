import { getKey } from '@satchel/selector';
import { indexFieldNames } from './index-definition.js';
import { plannerError } from './mango-error.js';
import type { IndexInfo } from './types.js';

type Conditions = Record<string, unknown>;

/** The fields a query needs from an index, ordered by the sort when there is one. */
export interface UserFields {
  fields: string[];
  sortOrder?: string[];
}

/**
 * pouchdb-find's `getUserFields`: the selector's top-level keys, or the sort's fields when the
 * sort names more of them, ordered by their place in the sort.
 * @param selector - the massaged selector.
 * @param sort - the massaged sort.
 */
export function getUserFields(selector: Conditions, sort?: Record<string, string>[]): UserFields {
  const selectorFields = Object.keys(selector);
  const sortFields = sort ? sort.map((entry) => getKey(entry) as string) : [];
  const fields = selectorFields.length >= sortFields.length ? selectorFields : sortFields;
  if (sortFields.length === 0) return { fields };
  const rank = (field: string): number => {
    const i = sortFields.indexOf(field);
    return i === -1 ? Number.MAX_VALUE : i;
  };
  return { fields: [...fields].sort((a, b) => rank(a) - rank(b)), sortOrder: [...sortFields] };
}

/** True when `left` and `right` agree on their common length. */
function samePrefix(left: readonly string[], right: readonly string[]): boolean {
  const n = Math.min(left.length, right.length);
  for (let i = 0; i < n; i++) if (left[i] !== right[i]) return false;
  return true;
}

/** True when the index's leading fields are all user fields (until those run out). */
function setIsPrefix(fields: readonly string[], indexFields: readonly string[]): boolean {
  const left = [...fields];
  for (const field of indexFields) {
    if (left.length === 0) break;
    const at = left.indexOf(field);
    if (at === -1) return false;
    left.splice(at, 1);
  }
  return true;
}

function fieldsMatch(indexFields: string[], user: UserFields): boolean {
  if (user.sortOrder) {
    const sortFits =
      user.sortOrder.length <= indexFields.length && samePrefix(user.sortOrder, indexFields);
    return sortFits && samePrefix(user.fields, indexFields);
  }
  return setIsPrefix(user.fields, indexFields);
}

/** An index led by a field the selector tests only with `$ne` cannot narrow anything. */
function logicallySound(indexFields: string[], selector: Conditions): boolean {
  const matcher = selector[indexFields[0] as string];
  if (typeof matcher !== 'object' || matcher === null) return true;
  const ops = Object.keys(matcher);
  return !(ops.length === 1 && ops[0] === '$ne');
}

function usable(index: IndexInfo, user: UserFields, selector: Conditions): boolean {
  const indexFields = indexFieldNames(index.def);
  return fieldsMatch(indexFields, user) && logicallySound(indexFields, selector);
}

function score(index: IndexInfo, fields: readonly string[]): number {
  const wanted = new Set(fields);
  return indexFieldNames(index.def).filter((field) => wanted.has(field)).length;
}

function byUseIndex(matching: IndexInfo[], useIndex: string[]): IndexInfo {
  const ddoc = `_design/${useIndex[0]}`;
  // As in pouchdb-find, any usable index of the named design doc will do.
  const index = matching.find((candidate) => candidate.ddoc === ddoc);
  if (!index) {
    throw plannerError(
      'unknown_error',
      'Could not find that index or could not use that index for the query',
    );
  }
  return index;
}

/**
 * Picks the index for a query exactly as pouchdb-find 9: among the indexes (sorted by name, the
 * special `_all_docs` one included) whose leading fields cover the query's fields (in sort order
 * when sorting), the one sharing the most fields with the query, the first on a tie; with
 * `use_index`, the first usable one of that design doc. When none is usable, the first index
 * (normally `_all_docs`) is returned marked `defaultUsed`, or, with `use_index`, the
 * `no_usable_index` error is thrown.
 * @param selector - the massaged selector.
 * @param user - from {@link getUserFields}.
 * @param indexes - as `getIndexes` lists them (fresh objects: the chosen one may be marked).
 * @param useIndex - the massaged `use_index`.
 */
export function chooseIndex(
  selector: Conditions,
  user: UserFields,
  indexes: IndexInfo[],
  useIndex?: string[],
): IndexInfo {
  const matching = indexes.filter((index) => usable(index, user, selector));
  if (matching.length === 0) {
    if (useIndex) {
      throw plannerError('no_usable_index', 'There is no index available for this selector.');
    }
    const fallback = indexes[0] as IndexInfo;
    fallback.defaultUsed = true;
    return fallback;
  }
  if (useIndex) return byUseIndex(matching, useIndex);
  let best = matching[0] as IndexInfo;
  let bestScore = -1;
  for (const index of matching) {
    const s = score(index, user.fields);
    if (s > bestScore) {
      best = index;
      bestScore = s;
    }
  }
  return best;
}
