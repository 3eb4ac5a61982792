import type {
  AnyDoc,
  BulkDocsResultRow,
  BulkGetRequest,
  BulkGetResponse,
  ChangesResponse,
  ChangesResult,
  InfoResponse,
  RevsDiffRequest,
  RevsDiffResponse,
} from '@satchel/core';

/** A filter function run on each changed document (CouchDB's `(doc, req)` filter). */
export type ReplicationFilterFunction = (
  doc: AnyDoc,
  req: { query: Record<string, unknown> | undefined },
) => unknown;

/**
 * The changes feed a database returns: an emitter that is also a promise, and can be
 * cancelled (Satchel's `ChangesFeed`, PouchDB's `Changes`).
 */
export interface ChangesFeedLike extends PromiseLike<ChangesResponse> {
  on(event: 'change', listener: (change: ChangesResult) => void): unknown;
  cancel(): void;
}

/** Active task registry, as PouchDB's `activeTasks`. */
export interface ActiveTasksLike {
  add(task: { name: string; total_items?: number }): string;
  get(id: string): { completed_items?: number } | undefined;
  update(id: string, fields: { completed_items?: number; total_items?: number }): void;
  remove(id: string, reason?: unknown): void;
}

/**
 * What replication needs from a database: the public methods of a Satchel (or PouchDB)
 * instance. Replication only calls these, so plugins wrapping them see every read and write.
 */
export interface ReplicationDb {
  id(): Promise<string>;
  info(): Promise<InfoResponse>;
  changes(opts: Record<string, unknown>): ChangesFeedLike;
  revsDiff(req: RevsDiffRequest): Promise<RevsDiffResponse>;
  bulkGet(req: BulkGetRequest): Promise<BulkGetResponse>;
  bulkDocs(
    req: { docs: AnyDoc[]; new_edits: boolean },
    opts?: object,
  ): Promise<BulkDocsResultRow[]>;
  get(id: string, opts?: object): Promise<unknown>;
  put(doc: AnyDoc): Promise<unknown>;
  close?(): Promise<void>;
  once?(event: string, listener: () => void): unknown;
  removeListener?(event: string, listener: () => void): unknown;
  activeTasks?: ActiveTasksLike;
  /** Set once the instance was closed (Satchel's and PouchDB's flag). */
  _closed?: boolean;
  /** Set once the database was destroyed (Satchel's and PouchDB's flag). */
  _destroyed?: boolean;
  constructor: unknown;
}

/** A database given to replicate/sync: an instance, or a name or URL to open. */
export type DatabaseRef = ReplicationDb | string;

/** Options of `replicate` (PouchDB 9's, same names and defaults). */
export interface ReplicateOptions {
  /** Keep replicating new changes until cancelled. */
  live?: boolean;
  /** Old name of `live`. */
  continuous?: boolean;
  /** Retry after errors (network, 5xx) with `back_off_function` delays. Default false. */
  retry?: boolean;
  /** Next delay in ms from the previous one (0 first); default: PouchDB's randomised doubling. */
  back_off_function?: (delay: number) => number;
  /** Start after this source sequence instead of the checkpoint. */
  since?: number | string;
  /** Where checkpoints are written: both sides (true, default), none, or one side. */
  checkpoint?: boolean | 'source' | 'target';
  /** A filter function, or `'ddoc/name'` (a filter in a design doc of the source). */
  filter?: string | ReplicationFilterFunction;
  /** Only these document ids. */
  doc_ids?: string[];
  /** Passed to the filter as `req.query`. */
  query_params?: Record<string, unknown>;
  /** Only documents matching this Mango selector. */
  selector?: Record<string, unknown>;
  /** With `filter: '_view'`: `'ddoc/view'`, only documents the view emits for. */
  view?: string;
  /** `'all_docs'` (default) replicates every leaf; `'main_only'` only winners. */
  style?: 'all_docs' | 'main_only';
  /** Changes per batch (default 100). */
  batch_size?: number;
  /** Batches read ahead of the one being written (default 10). */
  batches_limit?: number;
  /** Heartbeat of remote changes feeds (ms). */
  heartbeat?: number | boolean;
  /** Timeout of remote requests (ms). */
  timeout?: number | false;
  /** Any other option is passed to the constructor of databases opened by name. */
  [option: string]: unknown;
}

/** Options of `sync`: replicate options for both directions, overridden by `push`/`pull`. */
export interface SyncOptions extends ReplicateOptions {
  push?: ReplicateOptions;
  pull?: ReplicateOptions;
}

/** Counters and status of a replication, as PouchDB reports them. */
export interface ReplicationResult {
  ok: boolean;
  start_time: string;
  docs_read: number;
  docs_written: number;
  doc_write_failures: number;
  errors: unknown[];
  last_seq?: number | string;
  status?: 'complete' | 'cancelled' | 'aborting';
  end_time?: string;
}

/** The payload of a replication's `change` event: the counters plus the docs written. */
export interface ReplicationChange extends ReplicationResult {
  docs: AnyDoc[];
}

/** The result of a sync: one result per direction. */
export interface SyncResult {
  push: ReplicationResult;
  pull: ReplicationResult;
}

/** Direction of a sync event. */
export type SyncDirection = 'push' | 'pull';
