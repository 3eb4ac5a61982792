import { toIndexableString } from '@satchel/core';
import type { QueryOptions } from './types.js';

/** A range over indexable strings, as PouchDB passes it to the view database's `allDocs`. */
export interface IndexRange {
  startkey?: string;
  endkey?: string;
  descending: boolean;
}

/** The first defined of PouchDB's two spellings of an option (`startkey` wins). */
function pick(opts: QueryOptions, name: 'startkey' | 'endkey'): unknown {
  const alias = name === 'startkey' ? 'start_key' : 'end_key';
  if (name in opts) return opts[name];
  return alias in opts ? opts[alias] : undefined;
}

/** The range for `startkey`/`endkey`/`inclusive_end`. */
function keyRange(opts: QueryOptions, descending: boolean): IndexRange {
  const range: IndexRange = { descending };
  const startkey = pick(opts, 'startkey');
  const endkey = pick(opts, 'endkey');
  if (startkey !== undefined) {
    range.startkey = toIndexableString(descending ? [startkey, {}] : [startkey]);
  }
  if (endkey !== undefined) {
    const inclusiveEnd = (opts.inclusive_end !== false) !== descending;
    range.endkey = toIndexableString(inclusiveEnd ? [endkey, {}] : [endkey]);
  }
  return range;
}

/**
 * Translates the key options of a query without `keys` into a range over the view's indexable
 * strings, exactly as PouchDB does (`key` wins over `startkey`/`endkey`).
 * @param opts - the query options.
 */
export function indexRange(opts: QueryOptions): IndexRange {
  // Any truthy value means descending, as PouchDB passes it straight to `allDocs`.
  const descending = Boolean(opts.descending);
  const range = keyRange(opts, descending);
  if (opts.key !== undefined) {
    const keyStart = toIndexableString([opts.key]);
    const keyEnd = toIndexableString([opts.key, {}]);
    range.startkey = descending ? keyEnd : keyStart;
    range.endkey = descending ? keyStart : keyEnd;
  }
  return range;
}

/**
 * The range holding exactly the rows of one key (used for each of `keys`).
 * @param key - a key of the `keys` option.
 */
export function singleKeyRange(key: unknown): IndexRange {
  return {
    startkey: toIndexableString([key]),
    endkey: toIndexableString([key, {}]),
    descending: false,
  };
}
