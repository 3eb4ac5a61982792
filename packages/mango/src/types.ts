import type { Selector, SortEntry } from '@satchel/selector';

/** One field of an index: `'name'` (ascending) or `{name: 'asc' | 'desc'}`. */
export type IndexField = string | Record<string, 'asc' | 'desc'>;

/** The `index` member of a `createIndex` request. */
export interface IndexDefinition {
  /** The indexed fields, in order (dotted for nested fields). */
  fields: IndexField[];
  /** The index name; defaults to `idx-<md5 of the request>`. */
  name?: string;
  /** The design document (without `_design/`); defaults to `idx-<md5 of the request>`. */
  ddoc?: string;
  /** Only `'json'` is supported, as in pouchdb-find. */
  type?: string;
  /** Only documents matching this selector are indexed. */
  partial_filter_selector?: Selector;
  [extra: string]: unknown;
}

/** What `db.createIndex` accepts: `{index: {fields, …}}` (plus pouchdb-find's loose forms). */
export interface CreateIndexRequest {
  index: IndexDefinition;
  name?: string;
  ddoc?: string;
  type?: string;
  fields?: IndexField[];
  [extra: string]: unknown;
}

/** The answer of `db.createIndex`. */
export interface CreateIndexResponse {
  id: string;
  name: string;
  result: 'created' | 'exists';
}

/** An index as `db.getIndexes` lists it. */
export interface IndexInfo {
  /** `'_design/…'`, or `null` for the special `_all_docs` index. */
  ddoc: string | null;
  name: string;
  type: 'json' | 'special';
  def: { fields: Record<string, string>[]; partial_filter_selector?: Selector };
  /** Set by the planner when it fell back to this index for lack of a usable one. */
  defaultUsed?: boolean;
}

/** The answer of `db.getIndexes`. */
export interface GetIndexesResponse {
  indexes: IndexInfo[];
  total_rows: number;
}

/** What `db.deleteIndex` accepts: an index as `getIndexes` lists it. */
export interface DeleteIndexRequest {
  ddoc: string;
  name: string;
  type?: string;
}

/** A `db.find` / `db.explain` request, as pouchdb-find 9 takes it. */
export interface FindRequest {
  selector: Selector;
  /** Fields to return (dotted for nested fields); all when absent. */
  fields?: string[];
  /** Sort entries: `'field'` or `{field: 'asc' | 'desc'}`; all in one direction. */
  sort?: SortEntry[];
  /** Maximum number of documents (default 25, as CouchDB). */
  limit?: number;
  /** Number of documents skipped first. */
  skip?: number;
  /** `'ddoc'` or `['ddoc', 'name']` (with or without `_design/`). */
  use_index?: string | string[];
  /** Accepted for CouchDB compatibility; ignored locally, as by pouchdb-find. */
  r?: number;
  /** Accepted for CouchDB compatibility; ignored locally, as by pouchdb-find. */
  conflicts?: boolean;
  /** Sent to the server on remote databases; ignored locally, as by pouchdb-find. */
  bookmark?: string;
  /** Sent to the server on remote databases; ignored locally, as by pouchdb-find. */
  execution_stats?: boolean;
}

/** The answer of `db.find`. */
export interface FindResponse<T extends object = Record<string, unknown>> {
  docs: T[];
  /** Set when no index could serve the query and `_all_docs` was scanned. */
  warning?: string;
  bookmark?: string;
  execution_stats?: Record<string, unknown>;
}

/** The answer of `db.explain` (pouchdb-find 9's shape). */
export interface ExplainResponse {
  dbname: string;
  index: IndexInfo;
  selector: Selector;
  range: { start_key: unknown; end_key: unknown };
  opts: {
    use_index: string[];
    bookmark: string;
    limit: number | undefined;
    skip: number | undefined;
    sort: Record<string, string>[] | Record<string, never>;
    fields: string[] | undefined;
    conflicts: boolean;
    r: number[];
  };
  limit: number | undefined;
  skip: number;
  fields: string[] | undefined;
}
