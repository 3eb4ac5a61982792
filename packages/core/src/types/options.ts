import type { SatchelError } from '../errors.js';
import type { AnyDoc, ExistingDocument, WriteResponse } from './documents.js';

/** Options of `get`, as PouchDB 9 documents them. */
export interface GetOptions {
  rev?: string;
  revs?: boolean;
  revs_info?: boolean;
  open_revs?: 'all' | string[];
  conflicts?: boolean;
  deleted_conflicts?: boolean;
  latest?: boolean;
  local_seq?: boolean;
  attachments?: boolean;
  binary?: boolean;
}

/** One element of the `open_revs` answer of `get`. */
export type OpenRevsResult<T extends object = object> =
  | { ok: ExistingDocument<T> }
  | { missing: string };

/** Options of `bulkDocs`. */
export interface BulkDocsOptions {
  new_edits?: boolean;
}

/** One row of the `bulkDocs` answer: a success or a PouchDB error object. */
export type BulkDocsResultRow = WriteResponse | (SatchelError & { id?: string; rev?: string });

/** Options of `allDocs`. */
export interface AllDocsOptions {
  include_docs?: boolean;
  conflicts?: boolean;
  attachments?: boolean;
  binary?: boolean;
  startkey?: string;
  endkey?: string;
  start_key?: string;
  end_key?: string;
  inclusive_end?: boolean;
  key?: string;
  keys?: string[];
  limit?: number;
  skip?: number;
  descending?: boolean;
  update_seq?: boolean;
}

/** One row of `allDocs`. */
export interface AllDocsRow<T extends object = object> {
  id: string;
  key: string;
  value: { rev: string; deleted?: boolean };
  doc?: ExistingDocument<T> | null;
  error?: string;
}

/** The answer of `allDocs`. */
export interface AllDocsResponse<T extends object = object> {
  total_rows: number;
  offset: number;
  rows: AllDocsRow<T>[];
  update_seq?: number | string;
}

/** Options the Adapter contract's one-shot `changes` takes (filters run above it). */
export interface AdapterChangesOptions {
  since?: number | string;
  limit?: number;
  descending?: boolean;
  include_docs?: boolean;
  conflicts?: boolean;
  attachments?: boolean;
  binary?: boolean;
  style?: 'main_only' | 'all_docs';
  doc_ids?: string[];
  seq_interval?: number;
  /**
   * Remote adapters only (see `Adapter.serverChanges`): a filter the server runs, `'ddoc/name'`,
   * `'_view'` (with `view`) or `'_selector'` (with `selector`), with `query_params` for it.
   */
  filter?: string;
  view?: string;
  selector?: Record<string, unknown>;
  query_params?: Record<string, unknown>;
  /** Remote adapters only: `'longpoll'` answers once there is a change (live feeds). */
  feed?: 'normal' | 'longpoll';
  /** Remote adapters only: CouchDB's `heartbeat` (ms, or `true`), sent as PouchDB sends it. */
  heartbeat?: number | boolean;
  /** Remote adapters only: CouchDB's `timeout` (ms). */
  timeout?: number;
  /** Aborts the read (a cancelled live feed). */
  signal?: AbortSignal;
}

/** One row of a changes feed. */
export interface ChangesResult<T extends object = object> {
  id: string;
  seq: number | string;
  changes: { rev: string }[];
  deleted?: boolean;
  doc?: ExistingDocument<T>;
}

/** A page of changes. */
export interface ChangesResponse<T extends object = object> {
  results: ChangesResult<T>[];
  last_seq: number | string;
  status?: string;
}

/** `revsDiff` input: the revisions to look for, by document id. */
export type RevsDiffRequest = Record<string, string[]>;
/** `revsDiff` output: by document id, the revisions the database lacks. */
export type RevsDiffResponse = Record<string, { missing: string[]; possible_ancestors?: string[] }>;

/** `bulkGet` input: the documents (and revisions) to read. */
export interface BulkGetRequest {
  docs: { id: string; rev?: string; atts_since?: string[] }[];
  revs?: boolean;
  attachments?: boolean;
  binary?: boolean;
  latest?: boolean;
}
/** `bulkGet` output: per requested document, each revision or the error reading it. */
export interface BulkGetResponse {
  results: {
    id: string;
    docs: (
      | { ok: AnyDoc }
      | { error: { id: string; rev: string; error: string; reason: string } }
    )[];
  }[];
}

/** The answer of `info()`. */
export interface InfoResponse {
  db_name: string;
  doc_count: number;
  update_seq: number | string;
  adapter?: string;
  auto_compaction?: boolean;
  backend_adapter?: string;
  [extra: string]: unknown;
}
