import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import type { AllDocsOptions } from '../types/options.js';

const NUMBER_OPTIONS = ['limit', 'skip'] as const;

/**
 * Applies PouchDB's `allDocs` rules before the adapter sees the options: `start_key`/`end_key`
 * aliases and the checks of counts and keys. The rules of `keys` (a multi-get) come with the
 * code loaded on first use (`all-docs-keys.ts`), as the adapters' reads by keys do.
 */
export function normaliseAllDocsOptions(input: AllDocsOptions): AllDocsOptions {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw createError(Errors.BAD_REQUEST, 'options must be an object');
  }
  const opts: AllDocsOptions = { ...input };
  for (const name of NUMBER_OPTIONS) checkCount(opts, name);
  opts.skip = opts.skip ?? 0;
  if (opts.start_key) opts.startkey = opts.start_key;
  if (opts.end_key) opts.endkey = opts.end_key;
  for (const name of ['startkey', 'endkey', 'key'] as const) checkKey(opts, name);
  return opts;
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
