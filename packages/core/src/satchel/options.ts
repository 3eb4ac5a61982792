/** Options of `new Satchel(name, opts)`, as PouchDB 9 documents them. */
export interface SatchelOptions {
  /** Adapter to use ('memory', 'leveldb', 'http', …); default: the first preferred adapter. */
  adapter?: string;
  /** Drop non-leaf revision bodies on every write. */
  auto_compaction?: boolean;
  /** How many ancestor revisions each document keeps (default 1000 locally). */
  revs_limit?: number;
  /** Prepended to the name to form the storage name (e.g. a directory on disk). */
  prefix?: string;
  /** Content-hash revision ids, as PouchDB does by default (true). */
  deterministic_revs?: boolean;
  /** The database name when the first argument is an options object. */
  name?: string;
  /** Adapter for dependent databases (view indexes). */
  view_adapter?: string;
  /** Remote only: do not create the database on open. */
  skip_setup?: boolean;
  /** How many purge records `_local/purges` keeps. */
  purged_infos_limit?: number;
  /** Adapter-specific options pass through. */
  [option: string]: unknown;
}

/** Defaults applied when an option is absent. */
export const satchelOptionDefaults = {
  deterministic_revs: true,
  purged_infos_limit: 1000,
  prefix: '',
} as const;
