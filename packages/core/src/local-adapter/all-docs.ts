import type { DocRecord, IdRange } from '../engine/engine.js';
import { occasional } from '../occasional.js';
import type { ExistingDocument } from '../types/documents.js';
import type { AllDocsOptions, AllDocsResponse, AllDocsRow } from '../types/options.js';
import type { AdapterState } from './state.js';
import { winningDocs } from './winning-docs.js';

/** Records fetched per engine scan while paging over deleted documents. */
const PAGE = 500;
/** The smallest first page: a few deleted documents should not cost a second scan. */
const MIN_PAGE = 16;

/** `allDocs` over the id index, with PouchDB's handling of ranges, skip, limit and keys. */
export function allDocs(state: AdapterState, opts: AllDocsOptions): Promise<AllDocsResponse> {
  const keys = opts.keys;
  if (!keys) return state.lock.read(() => byRange(state, opts));
  // Reads by `keys` are code loaded on first use: loaded before the lock is taken, so that
  // writes never wait for the load.
  const code = occasional.loaded;
  if (!code) return occasional.load().then(() => allDocs(state, opts));
  return state.lock.read(() => code.allDocsByKeys(state, opts, keys));
}

async function byRange(state: AdapterState, opts: AllDocsOptions): Promise<AllDocsResponse> {
  const range = rangeOf(opts);
  if (
    opts.limit === 0 ||
    (range.gte !== undefined && range.lte !== undefined && range.gte > range.lte)
  ) {
    return finish(state, opts, [], opts.skip);
  }
  let skip = opts.skip ?? 0;
  let limit = typeof opts.limit === 'number' ? opts.limit : Number.POSITIVE_INFINITY;
  const picked: (readonly [AllDocsRow, DocRecord])[] = [];
  let cursor: IdRange = range;
  // A small limit reads a small first page (`limit: 5` must not parse 500 records); deleted
  // documents in the way cost further pages.
  let size = Math.min(PAGE, Math.max(MIN_PAGE, skip + limit));
  for (;;) {
    const page = await state.engine.scanDocs({ ...cursor, limit: size });
    const first = picked.length;
    for (const record of page) {
      if (record.deleted) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      if (limit-- <= 0) break;
      // PouchDB counts the excluded end key against skip and limit before dropping it.
      if (opts.inclusive_end === false && record.id === opts.endkey) continue;
      picked.push([{ id: record.id, key: record.id, value: { rev: record.winningRev } }, record]);
    }
    // Page by page: an engine that keeps the records it just scanned answers the bodies cheaply.
    if (opts.include_docs) await attachDocs(state, picked.slice(first), opts);
    // `limit` at 0: the answer is full, so no further page is read to find that out.
    if (page.length < size || limit <= 0) break;
    cursor = nextPage(cursor, page[page.length - 1]!.id);
    size = nextPageSize(page, skip + limit);
  }
  return finish(
    state,
    opts,
    picked.map(([row]) => row),
    opts.skip,
  );
}

/**
 * The next page's size: what the rows still wanted would take at the share of live documents
 * seen in this page (plus a quarter), so a range half full of deleted documents costs a page a
 * little over the rest of the answer rather than a full {@link PAGE}.
 */
function nextPageSize(page: readonly DocRecord[], wanted: number): number {
  let live = 0;
  for (const record of page) if (!record.deleted) live++;
  if (live === 0) return PAGE;
  const estimate = Math.ceil(((wanted * page.length) / live) * 1.25);
  return Math.min(PAGE, Math.max(MIN_PAGE, estimate));
}

function rangeOf(opts: AllDocsOptions): IdRange {
  let gte: string | undefined = opts.startkey || undefined;
  let lte: string | undefined = opts.endkey || undefined;
  if (opts.key) gte = lte = opts.key;
  if (opts.descending) [gte, lte] = [lte, gte];
  const range: IdRange = { reverse: Boolean(opts.descending) };
  if (gte !== undefined) range.gte = gte;
  if (lte !== undefined) range.lte = lte;
  return range;
}

function nextPage(range: IdRange, lastId: string): IdRange {
  if (range.reverse) {
    const { lte: _lte, lt: _lt, ...rest } = range;
    return { ...rest, lt: lastId };
  }
  const { gte: _gte, gt: _gt, ...rest } = range;
  return { ...rest, gt: lastId };
}

/** Adds each row's winning document (`include_docs`). */
export async function attachDocs(
  state: AdapterState,
  rows: readonly (readonly [AllDocsRow, DocRecord])[],
  opts: AllDocsOptions,
): Promise<void> {
  const docs = await winningDocs(
    state,
    rows.map(([, record]) => record),
    opts,
  );
  rows.forEach(([row], i) => {
    const doc = docs[i];
    if (doc) row.doc = doc as ExistingDocument;
  });
}

/** The response around `rows`, with PouchDB's `total_rows`, `offset` and `update_seq`. */
export function finish(
  state: AdapterState,
  opts: AllDocsOptions,
  rows: AllDocsRow[],
  offset: number | undefined,
): AllDocsResponse {
  const res: AllDocsResponse = { total_rows: state.meta.docCount, offset: offset as number, rows };
  if (opts.update_seq) res.update_seq = state.meta.updateSeq;
  return res;
}
