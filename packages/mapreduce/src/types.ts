/** The `emit(key, value)` function a map function calls. */
export type Emit = (key?: unknown, value?: unknown) => void;

/**
 * A map function: calls `emit` for each row the document contributes. On a typed database
 * (`Satchel<Todo>`) `Doc` is the stored document, `Todo & {_id, _rev}`.
 */
export type MapFunction<Doc extends object = Record<string, unknown>> = (
  doc: Doc,
  emit: Emit,
) => void;

/** A reduce function, called once per group (PouchDB never calls it with `rereduce`). */
export type ReduceFunction = (
  keys: unknown[] | null,
  values: unknown[],
  rereduce: boolean,
) => unknown;

/** A view: a map function or its source, and an optional reduce (function, source or built-in name). */
export interface ViewDefinition<Doc extends object = Record<string, unknown>> {
  map: MapFunction<Doc> | string;
  reduce?: ReduceFunction | string;
}

/** What `db.query` accepts as its first argument. */
export type QueryFun<Doc extends object = Record<string, unknown>> =
  | MapFunction<Doc>
  | ViewDefinition<Doc>
  | string;

/** Options of `db.query`, as PouchDB 9's. */
export interface QueryOptions {
  reduce?: boolean;
  include_docs?: boolean;
  conflicts?: boolean;
  attachments?: boolean;
  binary?: boolean;
  startkey?: unknown;
  endkey?: unknown;
  start_key?: unknown;
  end_key?: unknown;
  inclusive_end?: boolean;
  key?: unknown;
  keys?: unknown[];
  limit?: number;
  skip?: number;
  descending?: boolean;
  group?: boolean;
  group_level?: number;
  update_seq?: boolean;
  stale?: 'ok' | 'update_after';
}

/** One row of a map (non-reduced) query. */
export interface MapRow<T extends object = Record<string, unknown>> {
  id: string;
  key: unknown;
  value: unknown;
  /** With `include_docs`: the document (`Todo & {_id, _rev}` on a `Satchel<Todo>`). */
  doc?: (T & { _id: string; _rev: string }) | null;
}

/** One row of a reduced query. */
export interface ReduceRow {
  key: unknown;
  value: unknown;
}

/** The answer of `db.query`. */
export interface QueryResponse<T extends object = Record<string, unknown>> {
  total_rows?: number;
  offset?: number;
  rows: (MapRow<T> | ReduceRow)[];
  update_seq?: number | string;
}
