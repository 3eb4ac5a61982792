import { createError, Errors } from '../errors.js';
import type { AllDocsOptions, AllDocsResponse, InfoResponse } from '../types/options.js';

/** Either options ready for the adapter, or an answer that needs no adapter read. */
export type NormalisedAllDocs =
  | { opts: AllDocsOptions }
  | { empty: (info: InfoResponse) => AllDocsResponse };

const NUMBER_OPTIONS = ['limit', 'skip'] as const;

/**
 * Applies PouchDB's `allDocs` rules before the adapter sees the options: `start_key`/`end_key`
 * aliases, `keys` checks, and paging of `keys` done here rather than in storage.
 */
export function normaliseAllDocsOptions(input: AllDocsOptions): NormalisedAllDocs {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw createError(Errors.BAD_REQUEST, 'options must be an object');
  }
  const opts: AllDocsOptions = { ...input };
  for (const name of NUMBER_OPTIONS) checkCount(opts, name);
  opts.skip = opts.skip ?? 0;
  if (opts.start_key) opts.startkey = opts.start_key;
  if (opts.end_key) opts.endkey = opts.end_key;
  for (const name of ['startkey', 'endkey', 'key'] as const) checkKey(opts, name);
  if (!('keys' in opts)) return { opts };
  if (!Array.isArray(opts.keys)) throw new TypeError('options.keys must be an array');
  const incompatible = (['startkey', 'endkey', 'key'] as const).find((k) => k in opts);
  if (incompatible) {
    throw createError(
      Errors.QUERY_PARSE_ERROR,
      `Query parameter \`${incompatible}\` is not compatible with multi-get`,
    );
  }
  const keys =
    'limit' in opts
      ? opts.keys.slice(opts.skip, (opts.limit ?? 0) + opts.skip)
      : opts.keys.slice(opts.skip);
  if (opts.descending) keys.reverse();
  const paged: AllDocsOptions = { ...opts, keys, skip: 0, descending: false };
  delete paged.limit;
  if (keys.length === 0)
    return {
      empty: (info) => ({ total_rows: info.doc_count, rows: [] }) as unknown as AllDocsResponse,
    };
  return { opts: paged };
}

function checkCount(opts: AllDocsOptions, name: 'limit' | 'skip'): void {
  const value = opts[name];
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw createError(Errors.QUERY_PARSE_ERROR, `Invalid value for integer: "${String(value)}"`);
  }
}

function checkKey(opts: AllDocsOptions, name: 'startkey' | 'endkey' | 'key'): void {
  const value = opts[name];
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') {
    throw createError(
      Errors.QUERY_PARSE_ERROR,
      `Invalid value for ${name}: document ids are strings`,
    );
  }
}
