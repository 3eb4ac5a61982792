type Conditions = Record<string, unknown>;

const LOWER = new Set(['$gt', '$gte']);
const UPPER = new Set(['$lt', '$lte']);

/**
 * The selector as the primary index (`_all_docs`) answers it. Document ids are strings, and
 * pouchdb-find reads a bound on `_id` that is not a string as sorting below every id (as
 * CouchDB's `_all_docs` once did): a lower bound such as `$gt: {}` keeps every id, an upper
 * bound such as `$lt: {}` none. Plain collation would say the opposite for objects and arrays;
 * checking the scan's rows against this reading keeps find's promise (only matching
 * documents) while answering what pouchdb-find 9 answers.
 * @param selector - the massaged selector.
 * @returns the selector with such `_id` bounds resolved (the same object when there are none).
 */
export function asPrimaryIndexReadsIt(selector: Conditions): Conditions {
  const id = selector._id;
  if (typeof id !== 'object' || id === null || Array.isArray(id)) return selector;
  const kept: Conditions = {};
  let changed = false;
  for (const [op, operand] of Object.entries(id)) {
    if (typeof operand === 'string' || !(LOWER.has(op) || UPPER.has(op))) {
      kept[op] = operand;
      continue;
    }
    changed = true;
    // An upper bound below every id: nothing can match (`$in: []` never passes).
    if (UPPER.has(op)) kept.$in = [];
  }
  return changed ? { ...selector, _id: kept } : selector;
}
