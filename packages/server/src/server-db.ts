/**
 * The part of a Satchel database (the `@satchel/node` preset's instance) the server calls.
 * Kept as its own narrow interface so routes depend on the PouchDB API, not on a class.
 */
export interface ServerDb {
  name: string;
  info(): Promise<Record<string, unknown> & { doc_count: number; update_seq: number | string }>;
  get(id: string, opts?: Record<string, unknown>): Promise<unknown>;
  put(doc: Record<string, unknown>, opts?: Record<string, unknown>): Promise<WriteResult>;
  post(doc: Record<string, unknown>): Promise<WriteResult>;
  remove(id: string, rev: string): Promise<WriteResult>;
  bulkDocs(docs: unknown[], opts?: Record<string, unknown>): Promise<BulkRow[]>;
  bulkGet(req: Record<string, unknown>): Promise<unknown>;
  allDocs(opts: Record<string, unknown>): Promise<unknown>;
  revsDiff(req: Record<string, unknown>): Promise<unknown>;
  changes(opts: Record<string, unknown>): LiveFeed;
  getAttachment(id: string, name: string, opts?: Record<string, unknown>): Promise<Buffer>;
  putAttachment(
    id: string,
    name: string,
    rev: string | undefined,
    data: Buffer,
    type: string,
  ): Promise<WriteResult>;
  removeAttachment(id: string, name: string, rev: string): Promise<WriteResult>;
  compact(): Promise<unknown>;
  purge(id: string, rev: string): Promise<unknown>;
  query(fun: unknown, opts: Record<string, unknown>): Promise<unknown>;
  viewCleanup(): Promise<unknown>;
  find(req: Record<string, unknown>): Promise<unknown>;
  explain(req: Record<string, unknown>): Promise<unknown>;
  createIndex(req: Record<string, unknown>): Promise<unknown>;
  getIndexes(): Promise<unknown>;
  deleteIndex(req: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
  destroy(): Promise<unknown>;
}

/** `put`/`post`/`remove` answers. */
export interface WriteResult {
  ok: boolean;
  id: string;
  rev: string;
}

/** One `bulkDocs` row: a write result or an error. */
export type BulkRow = Partial<WriteResult> & {
  error?: unknown;
  name?: string;
  reason?: string;
  message?: string;
  status?: number;
};

/** A changes feed: a promise of the one-shot answer and an emitter of live changes. */
export interface LiveFeed extends PromiseLike<{ results: unknown[]; last_seq: number | string }> {
  on(event: string, listener: (arg: never) => void): LiveFeed;
  cancel(): void;
}

/** The constructor the server opens databases with (a preset such as `@satchel/node`). */
export interface DbConstructor {
  new (name: string, opts?: Record<string, unknown>): unknown;
  replicate(source: unknown, target: unknown, opts?: Record<string, unknown>): ReplicationLike;
  activeTasks?: { list(): unknown[] };
}

/** A running replication (PouchDB's emitter-promise). */
export interface ReplicationLike extends PromiseLike<Record<string, unknown>> {
  on(event: string, listener: (arg: never) => void): ReplicationLike;
  cancel(): void;
}
