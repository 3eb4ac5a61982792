import type { Satchel } from '@satchel/core';
import { includeDocs } from './include-docs.js';
import { indexRange, singleKeyRange } from './index-range.js';
import { reduceRows } from './reduce-rows.js';
import { reportError } from './run-view.js';
import type { MapRow, QueryOptions, QueryResponse, ViewDefinition } from './types.js';
import type { ViewEntry } from './view-entry.js';
import type { ViewSource } from './view-source.js';

/** `skip`/`limit` over rows already selected, as PouchDB's `sliceResults`. */
function slice<T>(rows: T[], skip: number, limit: number | undefined): T[] {
  return rows.slice(skip, limit === undefined ? undefined : skip + limit);
}

/** The rows a query selects before reducing (`keys` in their order, else one key range). */
async function selectEntries(
  source: ViewSource,
  opts: QueryOptions,
  reducing: boolean,
): Promise<ViewEntry[]> {
  if (opts.keys !== undefined) {
    const perKey = await Promise.all(opts.keys.map((key) => source.select(singleKeyRange(key))));
    return perKey.flat();
  }
  if (reducing) return source.select(indexRange(opts));
  return source.select(indexRange(opts), opts.skip ?? 0, opts.limit);
}

/** The map rows of a query, docs included when asked. */
async function mapAnswer(
  db: Satchel,
  selected: ViewEntry[],
  source: ViewSource,
  opts: QueryOptions,
): Promise<QueryResponse> {
  const all: MapRow[] = selected.map((e) => ({ key: e.key, id: e.id, value: e.value }));
  const skip = opts.skip ?? 0;
  const rows = opts.keys === undefined ? all : slice(all, skip, opts.limit);
  if (opts.include_docs) await includeDocs(db, rows, opts);
  return { total_rows: source.totalRows(), offset: skip, rows };
}

/**
 * Answers a query from a built view, as PouchDB's `queryViewInQueue`: select by `keys` or by key
 * range, then either reduce and group, or page and include docs.
 * @param db - the source database.
 * @param view - the queried view.
 * @param source - the built view.
 * @param rawOpts - the checked query options.
 */
export async function answerQuery(
  db: Satchel,
  view: ViewDefinition,
  source: ViewSource,
  rawOpts: QueryOptions,
): Promise<QueryResponse> {
  const opts = { ...rawOpts };
  if (opts.keys !== undefined && opts.keys.length === 0) {
    opts.limit = 0;
    delete opts.keys;
  }
  const reduce = opts.reduce !== false ? view.reduce : undefined;
  const selected = await selectEntries(source, opts, reduce !== undefined);
  const result: QueryResponse = reduce
    ? { rows: reduceRows(selected, reduce, opts, (err) => reportError(db, err)) }
    : await mapAnswer(db, selected, source, opts);
  if (opts.update_seq) result.update_seq = await source.updateSeq();
  return result;
}
