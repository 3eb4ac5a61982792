/**
 * The slice of PouchDB 9's public API the suite drives, typed structurally so the suite runs
 * against any constructor with that API: Satchel with any adapter, or pouchdb@9 itself (which
 * is how the suite's own expectations are checked).
 */

/** A Node-style callback. */
export type Callback<T> = (err: SuiteError | null, result?: T) => void;

/** A PouchDB-style error (or any rejection: `status`/`name` may be absent on plain Errors). */
export interface SuiteError {
  status?: number;
  name?: string;
  message?: string;
  reason?: string;
  error?: unknown;
  docId?: string;
  id?: string;
}

/** `_revisions` of a document read with `revs: true`. */
export interface Revisions {
  start: number;
  ids: string[];
}

/** One entry of `_revs_info`. */
export interface RevInfo {
  rev: string;
  status: string;
}

/** An attachment as read back (a stub, or with `data`). */
export interface AttachmentInfo {
  content_type?: string;
  digest?: string;
  length?: number;
  revpos?: number;
  stub?: boolean;
  data?: unknown;
}

/** A document as read back. */
export interface Doc {
  _id: string;
  _rev: string;
  _deleted?: boolean;
  _conflicts?: string[];
  _revisions?: Revisions;
  _revs_info?: RevInfo[];
  _attachments?: Record<string, AttachmentInfo>;
  [field: string]: unknown;
}

/** The answer of a successful single write. */
export interface WriteResult {
  ok: boolean;
  id: string;
  rev: string;
}

/** One row of `bulkDocs`: a success or an error. */
export type BulkRow = Partial<WriteResult> & SuiteError;

/** One element of an `open_revs` answer. */
export type OpenRev = { ok: Doc } | { missing: string };

/** One row of `allDocs`. */
export interface AllDocsRow {
  id?: string;
  key: string;
  value?: { rev: string; deleted?: boolean };
  doc?: Doc | null;
  error?: string;
}

/** The answer of `allDocs`. */
export interface AllDocsResult {
  total_rows: number;
  offset?: number;
  rows: AllDocsRow[];
  update_seq?: number | string;
}

/** One row of a changes feed. */
export interface ChangeRow {
  id: string;
  seq: number | string;
  changes: { rev: string }[];
  deleted?: boolean;
  doc?: Doc;
}

/** The answer of a one-shot changes feed. */
export interface ChangesResult {
  results: ChangeRow[];
  last_seq: number | string;
  status?: string;
}

/** What `changes()` returns: an event emitter that is also a promise and can be cancelled. */
export interface ChangesFeed extends PromiseLike<ChangesResult>, Emitter {
  cancel(): void;
  catch(onRejected: (err: unknown) => unknown): Promise<unknown>;
}

/** `info()`. */
export interface InfoResult {
  db_name: string;
  doc_count: number;
  update_seq: number | string;
  adapter?: string;
  auto_compaction?: boolean;
  [field: string]: unknown;
}

/** `revsDiff()`. */
export type RevsDiffResult = Record<string, { missing: string[]; possible_ancestors?: string[] }>;

/** `bulkGet()`. */
export interface BulkGetResult {
  results: { id: string; docs: ({ ok: Doc } | { missing: string } | { error: SuiteError })[] }[];
}

/** `purge()`. */
export interface PurgeResult {
  ok: boolean;
  deletedRevs: string[];
  documentWasRemovedCompletely: boolean;
}

/** Node's EventEmitter surface the suite uses. */
export interface Emitter {
  on(event: string, listener: (...args: never[]) => void): unknown;
  once(event: string, listener: (...args: never[]) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
}

/** A database handle. Parameters are loose on purpose: the suite also sends wrong types. */
export interface SuiteDatabase extends Emitter {
  readonly name: string;
  readonly adapter: string;
  put(doc: unknown, opts?: unknown, callback?: Callback<WriteResult>): Promise<WriteResult>;
  post(doc: unknown, opts?: unknown, callback?: Callback<WriteResult>): Promise<WriteResult>;
  get(id: unknown, opts: { open_revs: unknown; [option: string]: unknown }): Promise<OpenRev[]>;
  get(id: unknown, opts?: unknown, callback?: Callback<Doc>): Promise<Doc>;
  remove(
    doc: unknown,
    optsOrRev?: unknown,
    opts?: unknown,
    callback?: Callback<WriteResult>,
  ): Promise<WriteResult>;
  bulkDocs(docs: unknown, opts?: unknown, callback?: Callback<BulkRow[]>): Promise<BulkRow[]>;
  allDocs(opts?: unknown, callback?: Callback<AllDocsResult>): Promise<AllDocsResult>;
  revsDiff(
    req: unknown,
    opts?: unknown,
    callback?: Callback<RevsDiffResult>,
  ): Promise<RevsDiffResult>;
  bulkGet(req: unknown, callback?: Callback<BulkGetResult>): Promise<BulkGetResult>;
  info(callback?: Callback<InfoResult>): Promise<InfoResult>;
  compact(opts?: unknown, callback?: Callback<{ ok: boolean }>): Promise<{ ok: boolean }>;
  purge(docId: unknown, rev: unknown, callback?: Callback<PurgeResult>): Promise<PurgeResult>;
  close(callback?: Callback<unknown>): Promise<unknown>;
  destroy(opts?: unknown, callback?: Callback<unknown>): Promise<unknown>;
  changes?(opts?: unknown, callback?: Callback<ChangesResult>): ChangesFeed;
  putAttachment?(
    docId: unknown,
    name: unknown,
    rev: unknown,
    data: unknown,
    type?: unknown,
  ): Promise<WriteResult>;
  getAttachment?(docId: unknown, name: unknown, opts?: unknown): Promise<unknown>;
  removeAttachment?(docId: unknown, name: unknown, rev: unknown): Promise<WriteResult>;
}

/** A database constructor with PouchDB's statics the suite uses. */
export interface SuiteConstructor {
  new (name: string, opts?: Record<string, unknown>): SuiteDatabase;
  on?(event: string, listener: (...args: never[]) => void): unknown;
  removeListener?(event: string, listener: (...args: never[]) => void): unknown;
}
