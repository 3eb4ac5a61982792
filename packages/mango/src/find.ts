import { collate, type Satchel } from '@satchel/core';
import { filterInMemoryFields, getValue } from '@satchel/selector';
import { scanAllDocs } from './all-docs-scan.js';
import { type PreparedRequest, prepareFindRequest } from './find-request.js';
import { indexCatalog, type StoredView } from './get-indexes.js';
import { dropInclusiveStart } from './inclusive-start.js';
import { openIndex } from './index-store.js';
import { badRequest } from './mango-error.js';
import { pickFields } from './pick-fields.js';
import { planQuery, type QueryPlan } from './plan-query.js';
import { type DocRow, readIndex } from './read-index.js';
import type { ExplainResponse, FindResponse, IndexInfo } from './types.js';
import { reverseOptions, type ViewOptions } from './view-options.js';

const NO_INDEX_WARNING = 'No matching index found, create an index to optimize query time.';

/** A planned find: the request, the plan, and the view options to run. */
interface PlannedFind {
  request: PreparedRequest;
  plan: QueryPlan;
  opts: ViewOptions;
  indexCount: number;
  /** The query views the plan chose from, by `ddoc/name`. */
  views: Map<string, StoredView>;
  /** The range is empty (start after end): nothing to read. */
  empty: boolean;
}

/** Refuses a sort the `_all_docs` fallback cannot give (anything but `_id`). */
function checkSort(request: PreparedRequest, index: IndexInfo): void {
  if (!index.defaultUsed || !request.sort) return;
  const fields = request.sort.map((entry) => Object.keys(entry)[0]).filter((f) => f !== '_id');
  if (fields.length > 0) {
    throw badRequest(`Cannot sort on field(s) "${fields.join(',')}" when using the default index`);
  }
}

async function planFind(db: Satchel, raw: unknown, method: string): Promise<PlannedFind> {
  const request = prepareFindRequest(raw, method);
  const { response, views } = await indexCatalog(db);
  const { indexes, total_rows } = response;
  const plan = planQuery(request.selector, request.sort, indexes, request.use_index);
  checkSort(request, plan.index);
  let opts: ViewOptions = { ...plan.queryOpts };
  const empty = 'startkey' in opts && 'endkey' in opts && collate(opts.startkey, opts.endkey) > 0;
  const first = request.sort?.[0];
  if (first && getValue(first) === 'desc') opts = reverseOptions({ ...opts, descending: true });
  if (plan.inMemoryFields.length === 0) {
    opts.limit = request.limit;
    if (request.skip !== undefined) opts.skip = request.skip;
  }
  return { request, plan, opts, indexCount: total_rows, views, empty };
}

/** The stored view behind an index, as read while planning. */
function storedView(planned: PlannedFind, index: IndexInfo): StoredView {
  const view = planned.views.get(`${index.ddoc}/${index.name}`);
  if (!view) throw badRequest(`Index ${index.ddoc}/${index.name} is not a query index`);
  return view;
}

async function readRows(db: Satchel, planned: PlannedFind): Promise<DocRow[]> {
  const { index } = planned.plan;
  if (index.name === '_all_docs' && index.ddoc === null) {
    return scanAllDocs(db, planned.opts, planned.indexCount);
  }
  const view = storedView(planned, index);
  const mango = await openIndex(db, index.ddoc as string, index.name, view.map);
  return readIndex(db, mango, planned.opts);
}

/**
 * pouchdb-find 9's local `find`: plans the query, reads the chosen index (brought up to date
 * first) or `_all_docs`, filters and sorts in memory what the index could not decide, and
 * projects `fields`.
 * @param db - the database.
 * @param raw - the request.
 */
export async function find(db: Satchel, raw: unknown): Promise<FindResponse> {
  const planned = await planFind(db, raw, 'find');
  if (planned.empty) return { docs: [] };
  const { request, plan } = planned;
  let rows = await readRows(db, planned);
  if (planned.opts.inclusive_start === false) {
    rows = dropInclusiveStart(rows, planned.opts.startkey, plan.index);
  }
  if (plan.inMemoryFields.length > 0) {
    rows = filterInMemoryFields(rows, request, plan.inMemoryFields);
  }
  const fields = request.fields;
  const docs = rows.map((row) => (fields ? pickFields(row.doc, fields) : row.doc));
  const response: FindResponse = { docs };
  if (plan.index.defaultUsed) response.warning = NO_INDEX_WARNING;
  return response;
}

/**
 * pouchdb-find 9's local `explain`: the plan `find` would run, in pouchdb-find's shape
 * (`bookmark`, `conflicts` and `r` hard-coded as there).
 * @param db - the database.
 * @param raw - the request.
 */
export async function explain(db: Satchel, raw: unknown): Promise<ExplainResponse> {
  const { request, plan } = await planFind(db, raw, 'explain');
  return {
    dbname: db.name,
    index: plan.index,
    selector: request.selector,
    range: { start_key: plan.queryOpts?.startkey, end_key: plan.queryOpts?.endkey },
    opts: {
      use_index: request.use_index ?? [],
      bookmark: 'nil',
      limit: request.limit,
      skip: request.skip,
      sort: request.sort ?? {},
      fields: request.fields,
      conflicts: false,
      r: [49],
    },
    limit: request.limit,
    skip: request.skip ?? 0,
    fields: request.fields,
  };
}
