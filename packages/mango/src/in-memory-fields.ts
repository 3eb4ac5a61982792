import { getKey } from '@satchel/selector';
import { indexFieldNames } from './index-definition.js';
import type { IndexInfo } from './types.js';

type Conditions = Record<string, unknown>;

/** Orders fields by their place in the index, fields outside it last (stable). */
function byIndexOrder(fields: readonly string[], index: IndexInfo): string[] {
  const indexFields = indexFieldNames(index.def);
  const rank = (field: string): number => {
    const i = indexFields.indexOf(field);
    return i === -1 ? Number.MAX_VALUE : i;
  };
  return [...fields].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

/** Whether the condition on `field` is anything but an exact `$eq` (which keeps precision). */
function losesPrecision(selector: Conditions, field: string): boolean {
  const matcher = selector[field];
  if (typeof matcher !== 'object' || matcher === null) return true;
  return getKey(matcher) !== '$eq';
}

/** User fields outside the index, or after one that lost precision, need a filter. */
function basicInMemoryFields(index: IndexInfo, selector: Conditions, user: string[]): string[] {
  const fields = byIndexOrder(user, index);
  const indexFields = new Set(indexFieldNames(index.def));
  let lost = false;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    if (lost || !indexFields.has(field)) return fields.slice(i);
    if (i < fields.length - 1 && losesPrecision(selector, field)) lost = true;
  }
  return [];
}

/** Fields tested with `$ne`, which no index range can express. */
function neFields(selector: Conditions): string[] {
  return Object.keys(selector).filter((field) => {
    const matcher = selector[field];
    return typeof matcher === 'object' && matcher !== null && Object.hasOwn(matcher, '$ne');
  });
}

/**
 * pouchdb-find's `getInMemoryFields`: the selector fields to test on each document read
 * through the index (the core plan's, plus those the index cannot decide, plus every `$ne`
 * field), without duplicates, in index order.
 * @param core - the core plan's in-memory fields.
 * @param index - the chosen index.
 * @param selector - the massaged selector.
 * @param userFields - the query's fields (see `getUserFields`).
 */
export function inMemoryFields(
  core: readonly string[],
  index: IndexInfo,
  selector: Conditions,
  userFields: string[],
): string[] {
  const all = [...core, ...basicInMemoryFields(index, selector, userFields), ...neFields(selector)];
  return byIndexOrder([...new Set(all)], index);
}
