import type { AdapterChangesOptions, ChangesResponse, ChangesResult, Satchel } from '@satchel/core';
import type { FeedOptions } from './feed-options.js';
import { filterChange } from './filter-change.js';
import type { ChangeFilter, PageLimitedFilter } from './filter-function.js';
import type { FilterRequest } from './types.js';

/** What one read needs: where to read, how to filter, and where kept changes go. */
export interface ReadContext {
  db: Satchel;
  opts: FeedOptions;
  filter: ChangeFilter | undefined;
  /** Receives each kept change, in order, as soon as it is known. */
  onChange(change: ChangesResult): void;
  /** Checked after every await and every change: a cancelled read stops quietly. */
  isCancelled(): boolean;
}

/** How far to read: one-shot feeds honour limit and descending; live catch-ups do not. */
export interface ReadBounds {
  since: number | string;
  limit: number | undefined;
  descending: boolean;
  returnDocs: boolean;
  /** Added to every adapter request (a remote live feed's long-poll options). */
  extra?: Partial<AdapterChangesOptions>;
}

/** The outcome of a read: kept changes (when collected) and PouchDB's `last_seq`. */
export interface ReadResult {
  results: ChangesResult[];
  last_seq: number | string;
}

/**
 * Reads changes after `bounds.since` until `limit` changes passed the filter or the feed ends.
 * Filtered reads ask the adapter for pages of `batch_size` so a selective filter with a small
 * limit does not load the whole feed. `last_seq` is what PouchDB reports: the seq of the
 * change that reached the limit, else the last seq the adapter looked at (filtered-out changes
 * count). Resolves `undefined` when the feed was cancelled meanwhile.
 */
export async function readChanges(
  ctx: ReadContext,
  bounds: ReadBounds,
): Promise<ReadResult | undefined> {
  const { filter, opts } = ctx;
  // `since` is ignored when descending, so descending pages could not continue: read it whole.
  const paged = filter !== undefined && !bounds.descending;
  const request = pageRequest(opts, bounds, filter !== undefined, paged);
  const results: ChangesResult[] = [];
  let kept = 0;
  for (;;) {
    const page = await ctx.db._adapter.changes(request);
    if (ctx.isCancelled()) return undefined;
    const limited = limitedVerdicts(page.results, filter, opts.req, opts.includeDocs);
    for (const [i, change] of page.results.entries()) {
      const verdict = limited?.[i] ?? filterChange(change, filter, opts.req, opts.includeDocs);
      if (verdict instanceof Error) throw verdict;
      if (!verdict) continue;
      ctx.onChange(change);
      if (ctx.isCancelled()) return undefined;
      if (bounds.returnDocs) results.push(change);
      kept += 1;
      if (bounds.limit !== undefined && kept >= bounds.limit)
        return { results, last_seq: change.seq };
    }
    const end = pageEnd(page, request.since);
    const done = !paged || page.results.length < opts.batchSize;
    // A page that does not move past where it started would be asked for again and again.
    if (done || end === request.since) return { results, last_seq: end };
    request.since = end;
  }
}

/** Changes filtered per limited call: each arms a watchdog thread, too dear for one change. */
const LIMITED_CHUNK = 500;

/**
 * The verdicts on a page's changes, decided a chunk per call under the filter's time limit
 * when it has one (undefined otherwise: each change is filtered as it is reached). Only such
 * filters (Mango selectors, which do nothing but answer) are run ahead of the `limit`.
 */
function limitedVerdicts(
  changes: ChangesResult[],
  filter: PageLimitedFilter | undefined,
  req: FilterRequest,
  includeDocs: boolean,
): ReturnType<typeof filterChange>[] | undefined {
  const limit = filter?.pageLimit;
  if (!limit) return undefined;
  const verdicts: ReturnType<typeof filterChange>[] = [];
  for (let start = 0; start < changes.length; start += LIMITED_CHUNK) {
    const chunk = changes.slice(start, start + LIMITED_CHUNK);
    limit(() => {
      for (const change of chunk) verdicts.push(filterChange(change, filter, req, includeDocs));
    });
  }
  return verdicts;
}

/**
 * Where a page ends: its `last_seq`, or, from a server that leaves it out (or sends `null`),
 * the last row's seq, else where the page started. Never `undefined`: the next read (a live
 * feed's next long-poll, the next page) would start from the beginning and repeat every change.
 */
function pageEnd(page: ChangesResponse, since: AdapterChangesOptions['since']): number | string {
  if (isSeq(page.last_seq)) return page.last_seq;
  for (let i = page.results.length - 1; i >= 0; i--) {
    const seq = page.results[i]?.seq;
    if (isSeq(seq)) return seq;
  }
  return since ?? 0;
}

/** A sequence a feed can continue from (a number, an opaque string, or an old array seq). */
function isSeq(seq: unknown): seq is number | string {
  return seq !== undefined && seq !== null;
}

/** The adapter options of the first page. */
function pageRequest(
  opts: FeedOptions,
  bounds: ReadBounds,
  filtered: boolean,
  paged: boolean,
): AdapterChangesOptions {
  const request: AdapterChangesOptions = { ...opts.adapter, ...bounds.extra, since: bounds.since };
  if (bounds.descending) request.descending = true;
  if (filtered && !opts.includeDocs) {
    // Filters need the document; its attachment data only if the caller asked for docs.
    request.include_docs = true;
    delete request.attachments;
    delete request.binary;
  }
  if (paged) request.limit = opts.batchSize;
  else if (!filtered && bounds.limit !== undefined) request.limit = bounds.limit;
  return request;
}
