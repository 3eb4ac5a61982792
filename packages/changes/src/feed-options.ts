import { type AdapterChangesOptions, createError, Errors } from '@satchel/core';
import { normalizeDesignDocFunctionName } from './design-doc-name.js';
import type { ChangeFilter } from './filter-function.js';
import { designDocsOnly, rejectEveryChange } from './name-only-filters.js';
import type { ChangesOptions, FilterRequest, Selector } from './types.js';

/** PouchDB's `CHANGES_BATCH_SIZE`: changes per adapter request while filtering. */
export const DEFAULT_BATCH_SIZE = 25;

/** Which filter a feed asked for, before any design document is read. */
export type FilterSpec =
  | { kind: 'none' }
  | { kind: 'function'; filter: ChangeFilter }
  | { kind: 'view'; view: unknown }
  | { kind: 'selector'; selector: Selector }
  | { kind: 'design'; name: string };

/** A feed's options after PouchDB's normalisation: what the feed actually does. */
export interface FeedOptions {
  live: boolean;
  returnDocs: boolean;
  /** `'now'` is resolved later against `info().update_seq`. */
  since: number | string;
  /** `undefined` means no limit. */
  limit: number | undefined;
  descending: boolean;
  includeDocs: boolean;
  filter: FilterSpec;
  req: FilterRequest;
  batchSize: number;
  /** The options passed through to every adapter page. */
  adapter: AdapterChangesOptions;
}

/**
 * Applies PouchDB 9's rules to `opts`: `live`/`continuous`, `return_docs`/`returnDocs`,
 * `since: 'latest'`, `limit: 0` (= 1), implied `_view`/`_selector` filters, design-doc name
 * shorthand, and that string filters are ignored when `doc_ids` is given.
 * Throws PouchDB's errors for contradictory options.
 */
export function normalizeFeedOptions<T extends object>(opts: ChangesOptions<T>): FeedOptions {
  checkSelectorFilter(opts);
  // `null` is no list given, as in PouchDB (which reads the option by truthiness).
  if (opts.doc_ids !== undefined && opts.doc_ids !== null && !Array.isArray(opts.doc_ids)) {
    throw createError(Errors.BAD_REQUEST, '`doc_ids` filter parameter is not a list.');
  }
  const live =
    'live' in opts && !('continuous' in opts) ? Boolean(opts.live) : Boolean(opts.continuous);
  return {
    live,
    returnDocs: returnDocs(opts),
    since: normalizeSince(opts.since),
    limit: normalizeLimit(opts.limit),
    descending: Boolean(opts.descending),
    includeDocs: Boolean(opts.include_docs),
    filter: filterSpec(opts),
    req: { query: opts.query_params },
    batchSize: opts.batch_size && opts.batch_size > 0 ? opts.batch_size : DEFAULT_BATCH_SIZE,
    adapter: adapterOptions(opts),
  };
}

/** PouchDB refuses a selector next to any filter other than `_selector`. */
function checkSelectorFilter<T extends object>(opts: ChangesOptions<T>): void {
  if (!opts.selector || !opts.filter || opts.filter === '_selector') return;
  const name = typeof opts.filter === 'string' ? opts.filter : 'function';
  throw new Error(`selector invalid for filter "${name}"`);
}

/** Live feeds do not collect results unless asked to; `returnDocs` is the old spelling. */
function returnDocs<T extends object>(opts: ChangesOptions<T>): boolean {
  if ('return_docs' in opts) return Boolean(opts.return_docs);
  if ('returnDocs' in opts) return Boolean(opts.returnDocs);
  return !opts.live;
}

function normalizeSince(since: number | string | undefined): number | string {
  if (since === 'latest') return 'now';
  return since || 0;
}

/**
 * `0` returns one change, as in PouchDB; negative, non-numeric and infinite limits mean no
 * limit (a server refuses `limit=Infinity`).
 */
function normalizeLimit(limit: unknown): number | undefined {
  if (limit === 0) return 1;
  const n = Number(limit);
  return n > 0 && Number.isFinite(n) ? n : undefined;
}

function filterSpec<T extends object>(opts: ChangesOptions<T>): FilterSpec {
  const filter: unknown =
    opts.filter || (opts.view ? '_view' : opts.selector ? '_selector' : undefined);
  if (typeof filter === 'function') return { kind: 'function', filter: filter as ChangeFilter };
  // PouchDB only runs named filters without doc_ids; with doc_ids the name is ignored.
  if (typeof filter !== 'string' || !filter || opts.doc_ids) return { kind: 'none' };
  if (filter === '_view') return { kind: 'view', view: opts.view };
  if (filter === '_design') return { kind: 'function', filter: designDocsOnly };
  if (opts.selector) return { kind: 'selector', selector: opts.selector };
  const name = normalizeDesignDocFunctionName(filter);
  // A malformed name ('a/b/c') passes no change (see rejectEveryChange).
  if (!name) return { kind: 'function', filter: rejectEveryChange };
  return { kind: 'design', name };
}

function adapterOptions<T extends object>(opts: ChangesOptions<T>): AdapterChangesOptions {
  const out: AdapterChangesOptions = {};
  if (opts.include_docs) out.include_docs = true;
  if (opts.conflicts) out.conflicts = true;
  if (opts.attachments) out.attachments = true;
  if (opts.binary) out.binary = true;
  if (opts.style) out.style = opts.style;
  if (opts.doc_ids) out.doc_ids = opts.doc_ids;
  if (opts.seq_interval) out.seq_interval = opts.seq_interval;
  // Remote sources get them on every request, as PouchDB sends them (its replicator relies
  // on it); local adapters ignore them. A live feed sets its own below.
  if (typeof opts.heartbeat === 'number' || opts.heartbeat === true) out.heartbeat = opts.heartbeat;
  if (typeof opts.timeout === 'number' && opts.timeout > 0) out.timeout = opts.timeout;
  return out;
}
