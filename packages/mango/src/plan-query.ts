import { chooseIndex, getUserFields } from './choose-index.js';
import { COLLATE_HI, COLLATE_LO, coreQueryPlan } from './core-query-plan.js';
import { inMemoryFields } from './in-memory-fields.js';
import type { IndexInfo } from './types.js';
import type { ViewOptions } from './view-options.js';

type Conditions = Record<string, unknown>;

/** How a find runs: the index, its range, and the fields filtered in memory. */
export interface QueryPlan {
  index: IndexInfo;
  queryOpts: ViewOptions | undefined;
  inMemoryFields: string[];
}

/** A field whose condition is an empty object (or list) can match nothing. */
function shortCircuits(selector: Conditions): boolean {
  return Object.values(selector).some(
    (value) => typeof value === 'object' && value !== null && Object.keys(value).length === 0,
  );
}

/**
 * Plans a find exactly as pouchdb-find 9's `planQuery`.
 * @param selector - the massaged selector.
 * @param sort - the massaged sort.
 * @param indexes - every index (`getIndexes` order).
 * @param useIndex - the massaged `use_index`.
 */
export function planQuery(
  selector: Conditions,
  sort: Record<string, string>[] | undefined,
  indexes: IndexInfo[],
  useIndex: string[] | undefined,
): QueryPlan {
  if (shortCircuits(selector)) {
    return {
      index: indexes[0] as IndexInfo,
      queryOpts: { limit: 0, startkey: COLLATE_HI, endkey: COLLATE_LO },
      inMemoryFields: [],
    };
  }
  const user = getUserFields(selector, sort);
  const index = chooseIndex(selector, user, indexes, useIndex);
  const core = coreQueryPlan(selector, index);
  return {
    index,
    queryOpts: core.queryOpts,
    inMemoryFields: inMemoryFields(core.inMemoryFields, index, selector, user.fields),
  };
}
