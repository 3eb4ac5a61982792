import { collate, type Satchel } from '@satchel/core';
import { compileRowFilter, filterInMemoryFields, getValue } from '@satchel/selector';
import { scanAllDocs } from './all-docs-scan.js';
import { type PreparedRequest, prepareFindRequest } from './find-request.js';
import { indexCatalog, type StoredView } from './get-indexes.js';
import { dropInclusiveStart } from './inclusive-start.js';
import { openIndex } from './index-store.js';
import { badRequest } from './mango-error.js';
import { pickFields } from './pick-fields.js';
import { planQuery, type QueryPlan } from './plan-query.js';
import { asPrimaryIndexReadsIt } from './primary-id-bounds.js';
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
  // `explain` hands the chosen index to the user: it gets a fresh read.
  const { response, views } = await indexCatalog(db, method === 'find');
  const { indexes, total_rows } = response;
  const plan = planQuery(request.selector, request.sort, indexes, request.use_index);
  checkSort(request, plan.index);
  let opts: ViewOptions = { ...plan.queryOpts };
  const empty = 'startkey' in opts && 'endkey' in opts && collate(opts.startkey, opts.endkey) > 0;
  const first = request.sort?.[0];
  if (first && getValue(first) === 'desc') opts = reverseOptions({ ...opts, descending: true });
  if (plan.inMemoryFields.length === 0) opts.limit = (request.skip ?? 0) + (request.limit ?? 0);
  return { request, plan, opts, indexCount: total_rows, views, empty };
}

/** The stored view behind an index, as read while planning. */
function storedView(planned: PlannedFind, index: IndexInfo): StoredView {
  const view = planned.views.get(`${index.ddoc}/${index.name}`);
  if (!view) throw badRequest(`Index ${index.ddoc}/${index.name} is not a query index`);
  return view;
}

/** The special `_all_docs` index, not a query view. */
function isPrimary(index: IndexInfo): boolean {
  return index.name === '_all_docs' && index.ddoc === null;
}

async function readRows(db: Satchel, planned: PlannedFind): Promise<DocRow[]> {
  const { index } = planned.plan;
  if (isPrimary(index)) {
    return scanAllDocs(db, planned.opts, planned.indexCount);
  }
  const view = storedView(planned, index);
  const mango = await openIndex(db, index.ddoc as string, index.name, view.map);
  return readIndex(db, mango, planned.opts);
}

/**
 * Reads the plan's range and applies its in-memory part. When the index decides everything,
 * `skip + limit` rows are read and cut here, so that rows dropped afterwards (the exclusive
 * start, documents the plan wrongly let in) never count towards `skip` or `limit`.
 * @returns the rows, or `undefined` when the plan let through a document the selector does
 *   not match, or dropped rows from a read cut by `limit` (the answer could be short).
 */
async function runPlan(db: Satchel, planned: PlannedFind): Promise<DocRow[] | undefined> {
  const { request, plan, opts } = planned;
  const read = await readRows(db, planned);
  let rows = read;
  if (opts.inclusive_start === false) rows = dropInclusiveStart(rows, opts.startkey, plan.index);
  // On the primary index, non-string `_id` bounds are read as the scan read them.
  const selector = isPrimary(plan.index)
    ? asPrimaryIndexReadsIt(request.selector)
    : request.selector;
  if (plan.inMemoryFields.length > 0) {
    const { sort } = request;
    rows = filterInMemoryFields(
      rows,
      sort ? { selector, sort } : { selector },
      plan.inMemoryFields,
    );
  }
  const matches = compileRowFilter(selector, Object.keys(selector));
  if (!rows.every((row) => matches(row.doc))) return undefined;
  if (opts.limit !== undefined && rows.length < read.length && read.length >= opts.limit) {
    return undefined;
  }
  const skip = request.skip ?? 0;
  return rows.slice(skip, skip + (request.limit ?? rows.length));
}

/**
 * The same range read whole, with the whole selector tested in memory before `skip`/`limit`.
 * pouchdb-find's plan trusts ranges that documents lacking a field enter as `null`, merges
 * several bounds on one field into one, and forgets selector fields when the sort names more
 * fields: its answer then holds documents that do not match.
 */
function everyFieldInMemory(planned: PlannedFind): PlannedFind {
  const opts = { ...planned.opts };
  delete opts.limit;
  const inMemoryFields = Object.keys(planned.request.selector);
  return { ...planned, opts, plan: { ...planned.plan, inMemoryFields } };
}

/**
 * pouchdb-find 9's local `find`: plans the query, reads the chosen index (brought up to date
 * first) or `_all_docs`, filters and sorts in memory what the index could not decide, and
 * projects `fields`. Unlike pouchdb-find it answers only documents the selector matches: when
 * its plan lets another through, the query runs again with the whole selector in memory.
 * @param db - the database.
 * @param raw - the request.
 */
export async function find(db: Satchel, raw: unknown): Promise<FindResponse> {
  const planned = await planFind(db, raw, 'find');
  if (planned.empty) return { docs: [] };
  const { request, plan } = planned;
  const rows =
    (await runPlan(db, planned)) ?? (await runPlan(db, everyFieldInMemory(planned))) ?? [];
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
