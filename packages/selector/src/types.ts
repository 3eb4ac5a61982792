/**
 * A Mango selector: field names (dotted for nested fields, `\.` and `\$` escaping a literal dot
 * or dollar) and combination operators (`$and`, `$or`, `$nor`, `$not`), each mapped to a
 * condition. Plain JSON, as CouchDB's `_find` takes it.
 *
 * @example
 * ```ts
 * const selector: Selector = { type: 'todo', 'meta.tags': { $all: ['home'] }, $or: [{ done: false }, { pinned: true }] };
 * ```
 */
export type Selector = Record<string, unknown>;

/**
 * A selector after {@link massageSelector}: implicit equalities made explicit (`{$eq: v}`),
 * `$and` lists merged into one object, `$ne` and `$regex` operands wrapped in arrays, exactly
 * as pouchdb-selector-core 9 shapes it. Still plain JSON.
 */
export type MassagedSelector = Record<string, unknown>;

/** Tells whether one document (or any value) passes a compiled selector. */
export type DocumentTest = (doc: unknown) => boolean;

/** Tells whether one field value passes a compiled condition. */
export type ValueTest = (value: unknown) => boolean;

/** One sort criterion of a find request: a field name (ascending) or `{field: 'asc' | 'desc'}`. */
export type SortEntry = string | Readonly<Record<string, 'asc' | 'desc' | string>>;

/** A row as pouchdb-find filters it in memory: the document under `doc`. */
export interface DocRow {
  /** The document; rows without one never match a selector that tests a field. */
  readonly doc?: unknown;
}

/** The parts of a find request that in-memory filtering reads. */
export interface InMemoryRequest {
  /** The massaged selector. */
  readonly selector: MassagedSelector;
  /** Sort applied after filtering (in memory), pouchdb-find style. */
  readonly sort?: readonly SortEntry[];
  /** Maximum number of rows kept after `skip`. */
  readonly limit?: number;
  /** Number of rows dropped first. */
  readonly skip?: number;
}
