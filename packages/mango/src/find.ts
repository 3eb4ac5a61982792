import {
  collate,
  type Satchel,
  selectorTimeLimit,
  selectorTimeLimitMs,
  stringify,
  type TimeLimitedRunner,
  writeCounter,
} from '@satchel/core';
import { compileRowFilter, filterInMemoryFields, getValue } from '@satchel/selector';
import { scanAllDocs } from './all-docs-scan.js';
import { type PreparedRequest, prepareFindRequest } from './find-request.js';
import { indexCatalog, type StoredView } from './get-indexes.js';
import { dropInclusiveStart } from './inclusive-start.js';
import { indexFieldNames } from './index-definition.js';
import { openIndex } from './index-store.js';
import { badRequest } from './mango-error.js';
import { readPaged } from './paged-read.js';
import { pickFields } from './pick-fields.js';
import { planQuery, type QueryPlan } from './plan-query.js';
import { asPrimaryIndexReadsIt } from './primary-id-bounds.js';
import { type DocRow, type RowsRead, readIndex } from './read-index.js';
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
  /** What matching in memory runs through, when it must be time-limited (`selector_time_limit`). */
  limit?: TimeLimitedRunner | undefined;
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

/**
 * Reads a range of the plan's index (`_all_docs` counted with `indexCount` indexes), or the
 * part of it after the entry keyed `after`.
 */
type RangeReader = (opts: ViewOptions, indexCount: number, after?: string) => Promise<RowsRead>;

/** What reads the plan's index: its companion database is opened once per query. */
async function rangeReader(db: Satchel, planned: PlannedFind): Promise<RangeReader> {
  const { index } = planned.plan;
  if (isPrimary(index)) {
    return (opts, indexCount, after) => scanAllDocs(db, opts, indexCount, after);
  }
  const view = storedView(planned, index);
  const mango = await openIndex(db, index.ddoc as string, index.name, view.map);
  return (opts, _indexCount, after) => readIndex(db, mango, opts, after);
}

/**
 * Whether the plan's range can be read a page at a time: some conditions are left to memory
 * (else the index decides everything and a `limit` already bounds the read), and nothing is
 * sorted in memory except in the order the index already gives (ascending on its leading
 * fields), so the first rows kept are the first rows of the answer.
 */
function pageable({ request, plan, opts }: PlannedFind): boolean {
  if (plan.inMemoryFields.length === 0 || opts.limit !== undefined || opts.skip !== undefined) {
    return false;
  }
  if (!request.sort) return true;
  if (isPrimary(plan.index) || opts.descending) return false;
  const fields = indexFieldNames(plan.index.def);
  return request.sort.every(
    (entry, i) => Object.keys(entry)[0] === fields[i] && getValue(entry) === 'asc',
  );
}

/**
 * What a query keeps of rows read in index order: the exclusive start dropped (across pages:
 * a page of nothing but start keys keeps the next one dropping), then the conditions and sort
 * left to memory.
 */
function keeper(
  { request, plan, opts, limit }: PlannedFind,
  selector: Record<string, unknown>,
): (rows: DocRow[]) => DocRow[] {
  let dropping = opts.inclusive_start === false;
  const { sort } = request;
  const inMemory = sort ? { selector, sort } : { selector };
  return (page) => {
    let rows = page;
    if (dropping) {
      rows = dropInclusiveStart(rows, opts.startkey, plan.index);
      dropping = rows.length === 0;
    }
    if (plan.inMemoryFields.length === 0) return rows;
    if (!limit) return filterInMemoryFields(rows, inMemory, plan.inMemoryFields);
    // Matched under the limit a chunk at a time, then sorted (no fields left to test).
    const matched = matchLimited(rows, compileRowFilter(selector, plan.inMemoryFields), limit);
    return filterInMemoryFields(matched, inMemory, []);
  };
}

/** Rows matched per limited call: each arms a watchdog thread, too dear for one row. */
const LIMITED_CHUNK = 500;

/** The rows whose document `matches`, tested a chunk per call of the time limit `limit`. */
function matchLimited(
  rows: readonly DocRow[],
  matches: (doc: unknown) => boolean,
  limit: TimeLimitedRunner,
): DocRow[] {
  const kept: DocRow[] = [];
  for (let start = 0; start < rows.length; start += LIMITED_CHUNK) {
    const chunk = rows.slice(start, start + LIMITED_CHUNK);
    limit(() => {
      for (const row of chunk) if (matches(row.doc)) kept.push(row);
    });
  }
  return kept;
}

/** The kept rows of a paged read, or `undefined` when it cannot be paged or gave up. */
async function readKeptInPages(
  db: Satchel,
  planned: PlannedFind,
  read: RangeReader,
  keep: (rows: DocRow[]) => DocRow[],
): Promise<DocRow[] | undefined> {
  const counter = writeCounter(db);
  if (!counter || !pageable(planned)) return undefined;
  const start = counter.count;
  return readPaged({
    // Pages of `_all_docs` count design documents as entries: no limit raised for them.
    read: (after, limit) => read({ ...planned.opts, limit }, 0, after),
    keep,
    wanted: (planned.request.skip ?? 0) + (planned.request.limit ?? Number.POSITIVE_INFINITY),
    moved: () => counter.count !== start,
  });
}

/**
 * Reads the plan's range and applies its in-memory part. When the index decides everything,
 * `skip + limit` rows are read and cut here, so that rows dropped afterwards (the exclusive
 * start, documents the plan wrongly let in) never count towards `skip` or `limit`. When memory
 * decides part of it, the range is read in pages until `skip + limit` rows are kept.
 * @returns the rows, or `undefined` when the plan let through a document the selector does
 *   not match, or dropped rows from a read cut by `limit` (the answer could be short).
 */
async function runPlan(db: Satchel, planned: PlannedFind): Promise<DocRow[] | undefined> {
  const { request, plan, opts } = planned;
  // On the primary index, non-string `_id` bounds are read as the scan read them.
  const selector = isPrimary(plan.index)
    ? asPrimaryIndexReadsIt(request.selector)
    : request.selector;
  const reader = await rangeReader(db, planned);
  let rows = await readKeptInPages(db, planned, reader, keeper(planned, selector));
  if (!rows) {
    const read = (await reader(opts, planned.indexCount)).rows;
    rows = keeper(planned, selector)(read);
    if (opts.limit !== undefined && rows.length < read.length && read.length >= opts.limit) {
      return undefined;
    }
  }
  const matches = compileRowFilter(selector, Object.keys(selector));
  const allMatch = planned.limit
    ? matchLimited(rows, matches, planned.limit).length === rows.length
    : rows.every((row) => matches(row.doc));
  if (!allMatch) return undefined;
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
  const limitMs = selectorTimeLimitMs(db.__opts, stringify(planned.request.selector));
  if (limitMs) planned.limit = selectorTimeLimit(limitMs);
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
