import { indexFieldNames } from './index-definition.js';
import type { IndexInfo } from './types.js';
import type { ViewOptions } from './view-options.js';

type Conditions = Record<string, unknown>;
type Matcher = Record<string, unknown>;

/** CouchDB's lowest collating value. */
export const COLLATE_LO = null;
/** pouchdb-find's "highest" collating value (close enough: an object with key `\uffff`). */
export const COLLATE_HI = { '\uffff': {} };

/** The index range of a query and the selector fields the index cannot decide. */
export interface CoreQueryPlan {
  /** `undefined` when the selector does not constrain the index (the whole index is read). */
  queryOpts: ViewOptions | undefined;
  inMemoryFields: string[];
}

const RANGE_OPERATORS = new Set(['$eq', '$gt', '$gte', '$lt', '$lte']);

function asMatcher(value: unknown): Matcher {
  return typeof value === 'object' && value !== null ? (value as Matcher) : {};
}

function singleFieldOpts(operator: string, value: unknown): ViewOptions {
  switch (operator) {
    case '$eq':
      return { key: value };
    case '$lte':
      return { endkey: value };
    case '$gte':
      return { startkey: value };
    case '$lt':
      return { endkey: value, inclusive_end: false };
    case '$gt':
      return { startkey: value, inclusive_start: false };
    default:
      return { startkey: COLLATE_LO };
  }
}

/** One-field index: the value itself is the key; operators merge in selector order. */
function singleFieldPlan(selector: Conditions, index: IndexInfo): CoreQueryPlan {
  const field = indexFieldNames(index.def)[0] as string;
  const matcher = asMatcher(selector[field]);
  const inMemoryFields: string[] = [];
  let queryOpts: ViewOptions | undefined;
  for (const operator of Object.keys(matcher)) {
    if (!RANGE_OPERATORS.has(operator)) inMemoryFields.push(field);
    queryOpts = { ...queryOpts, ...singleFieldOpts(operator, matcher[operator]) };
  }
  return { queryOpts, inMemoryFields };
}

function multiFieldOpts(operator: string, value: unknown): ViewOptions {
  switch (operator) {
    case '$eq':
      return { startkey: value, endkey: value };
    case '$lte':
      return { endkey: value };
    case '$gte':
      return { startkey: value };
    case '$lt':
      return { endkey: value, inclusive_end: false };
    case '$gt':
      return { startkey: value, inclusive_start: false };
    default:
      return {};
  }
}

const sameKeys = (a: string[], b: string[]): boolean =>
  a.length === b.length && a.every((key, i) => key === b[i]);

/** Whether field `i` can still narrow the range after the fields before it. */
function narrows(selector: Conditions, indexFields: string[], i: number): boolean {
  const matcher = selector[indexFields[i] as string];
  if (typeof matcher !== 'object' || matcher === null) return false;
  const ops = Object.keys(matcher);
  if (ops.length === 0 || ops.some((op) => !RANGE_OPERATORS.has(op))) return false;
  if (i === 0) return true;
  const range = ops.some((op) => op !== '$eq');
  const previous = Object.keys(asMatcher(selector[indexFields[i - 1] as string]));
  return !range || sameKeys(previous, ['$eq']) || sameKeys(previous, ops);
}

/** Several fields: keys are arrays; the range narrows field by field while it stays exact. */
function multiFieldPlan(selector: Conditions, index: IndexInfo): CoreQueryPlan {
  const indexFields = indexFieldNames(index.def);
  const startkey: unknown[] = [];
  const endkey: unknown[] = [];
  let inclusiveStart: boolean | undefined;
  let inclusiveEnd: boolean | undefined;
  let inMemoryFields: string[] = [];
  for (let i = 0; i < indexFields.length; i++) {
    if (!narrows(selector, indexFields, i)) {
      if (inclusiveStart !== false) startkey.push(COLLATE_LO);
      if (inclusiveEnd !== false) endkey.push(COLLATE_HI);
      inMemoryFields = indexFields.slice(i);
      break;
    }
    const matcher = selector[indexFields[i] as string] as Matcher;
    let opts: ViewOptions = {};
    for (const operator of Object.keys(matcher)) {
      opts = { ...opts, ...multiFieldOpts(operator, matcher[operator]) };
    }
    startkey.push('startkey' in opts ? opts.startkey : COLLATE_LO);
    endkey.push('endkey' in opts ? opts.endkey : COLLATE_HI);
    if ('inclusive_start' in opts) inclusiveStart = opts.inclusive_start;
    if ('inclusive_end' in opts) inclusiveEnd = opts.inclusive_end;
  }
  const queryOpts: ViewOptions = { startkey, endkey };
  if (inclusiveStart !== undefined) queryOpts.inclusive_start = inclusiveStart;
  if (inclusiveEnd !== undefined) queryOpts.inclusive_end = inclusiveEnd;
  return { queryOpts, inMemoryFields };
}

/**
 * pouchdb-find's core query plan for the chosen index: the view range and the fields it
 * leaves to in-memory filtering. The fallback (`defaultUsed`) reads everything from `null` and
 * filters every selector field in memory.
 * @param selector - the massaged selector.
 * @param index - the chosen index.
 */
export function coreQueryPlan(selector: Conditions, index: IndexInfo): CoreQueryPlan {
  if (index.defaultUsed) {
    return { queryOpts: { startkey: COLLATE_LO }, inMemoryFields: Object.keys(selector) };
  }
  if (index.def.fields.length === 1) return singleFieldPlan(selector, index);
  return multiFieldPlan(selector, index);
}
