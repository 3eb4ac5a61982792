import type { ChangesResponse, ChangesResult, ExistingDocument } from '@satchel/core';

/** The request object a filter function receives as its second argument (CouchDB's `req`). */
export interface FilterRequest {
  /** The feed's `query_params`, as CouchDB passes query string parameters to filters. */
  query: Record<string, unknown> | undefined;
}

/**
 * A filter function: the change passes when it returns a truthy value. It receives the winning
 * revision of the changed document (`{_id, _rev, _deleted: true}` for a deletion).
 */
export type ChangesFilterFunction<T extends object = object> = (
  doc: ExistingDocument<T>,
  req: FilterRequest,
) => unknown;

/** A Mango selector (`{field: value}` or `{field: {$op: value}}`). */
export type Selector = Record<string, unknown>;

/** Options of `db.changes(opts)`: PouchDB 9's, with the same meanings and defaults. */
export interface ChangesOptions<T extends object = object> {
  /** Start after this sequence; `'now'` (or `'latest'`) starts at the current update sequence. */
  since?: number | string;
  /** Stop after this many changes; `0` behaves as `1`, as in PouchDB. Ignored by live feeds. */
  limit?: number;
  /** Newest first (ignores `since`, as CouchDB does). Ignored by live feeds. */
  descending?: boolean;
  /** Add each change's winning revision as `doc`. */
  include_docs?: boolean;
  /** With `include_docs`: add `_conflicts` to each doc. */
  conflicts?: boolean;
  /** With `include_docs`: inline attachment data instead of stubs. */
  attachments?: boolean;
  /** With `attachments`: data as binary rather than base64. */
  binary?: boolean;
  /** `'all_docs'` lists every leaf revision in `changes`, not just the winner. */
  style?: 'main_only' | 'all_docs';
  /** Only changes of these document ids (string filters are then ignored, as in PouchDB). */
  doc_ids?: string[];
  /**
   * A filter function, `'ddoc/name'` (a function source in the design doc's `filters`),
   * `'_view'` (with `view`), `'_selector'` (with `selector`) or `'_doc_ids'` (with `doc_ids`).
   */
  filter?: string | ChangesFilterFunction<T>;
  /** Passed to filter functions as `req.query`. */
  query_params?: Record<string, unknown>;
  /** Only changes whose document matches this Mango selector (needs a selector matcher). */
  selector?: Selector;
  /** `'ddoc/view'`: only documents for which the view's map function emits. */
  view?: string;
  /** Collect the changes in the final result (default: true unless `live`). */
  return_docs?: boolean;
  /** Old name of `return_docs`. */
  returnDocs?: boolean;
  /** Keep emitting changes after catching up, until `cancel()`. */
  live?: boolean;
  /** Old name of `live` (used when `live` is absent). */
  continuous?: boolean;
  /** Longpoll timeout of remote feeds; local feeds ignore it. */
  timeout?: number | false;
  /** Heartbeat of remote feeds; local feeds ignore it. */
  heartbeat?: number | boolean;
  /** Changes read per adapter request while filtering (default 25, as PouchDB's). */
  batch_size?: number;
  /** Passed to the adapter (CouchDB computes a seq only every N rows). */
  seq_interval?: number;
}

/** One change: `{id, seq, changes: [{rev}], deleted?, doc?}`. */
export type Change<T extends object = object> = ChangesResult<T>;

/**
 * The final result of a feed: `{results, last_seq}`. A cancelled feed resolves with
 * `{status: 'cancelled'}` instead (PouchDB's shape), so check `status` before using `results`.
 */
export type ChangesComplete<T extends object = object> = ChangesResponse<T>;
