import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import type { AllDocsOptions } from '../types/options.js';

// Internal to core, loaded on first use (occasional-code.ts): most pages never list by `keys`.

/**
 * PouchDB's rules for `allDocs` with `keys`, on options already normalised: `keys` must be a
 * list, excludes ranges and `key`, and is paged (`skip`, `limit`, `descending`) here rather
 * than in storage. Returns the options for the adapter, or `undefined` when no key is left
 * (the answer is then an empty list, with the database's document count).
 */
export function pageKeys(opts: AllDocsOptions): AllDocsOptions | undefined {
  if (!Array.isArray(opts.keys)) throw new TypeError('options.keys must be an array');
  const incompatible = (['startkey', 'endkey', 'key'] as const).find((k) => k in opts);
  if (incompatible) {
    throw createError(
      Errors.QUERY_PARSE_ERROR,
      `Query parameter \`${incompatible}\` is not compatible with multi-get`,
    );
  }
  const skip = opts.skip ?? 0;
  const keys =
    'limit' in opts ? opts.keys.slice(skip, (opts.limit ?? 0) + skip) : opts.keys.slice(skip);
  if (opts.descending) keys.reverse();
  const paged: AllDocsOptions = { ...opts, keys, skip: 0, descending: false };
  delete paged.limit;
  return keys.length === 0 ? undefined : paged;
}
