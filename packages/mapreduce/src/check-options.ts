import { collate } from '@satchel/core';
import { queryParseError } from './query-errors.js';
import type { QueryOptions, ViewDefinition } from './types.js';

/** PouchDB's `coerceInteger`: `'3'` becomes `3`; anything else is left for the check to refuse. */
function coerceInteger(value: unknown): unknown {
  if (value === undefined) return undefined;
  const asNumber = Number(value);
  return !Number.isNaN(asNumber) && asNumber === Number.parseInt(String(value), 10)
    ? asNumber
    : value;
}

/**
 * A copy of the options with `group_level`, `limit` and `skip` coerced to integers, as PouchDB
 * does before anything else; `null` and `NaN` mean "not given" (PouchDB ends up ignoring them).
 * Options that are not an object are refused with a clear error (PouchDB throws a `TypeError`).
 * @param opts - the caller's options.
 */
export function coerceOptions(opts: unknown): QueryOptions {
  if (typeof opts !== 'object' || Array.isArray(opts)) {
    throw queryParseError(`Query options must be an object, not ${JSON.stringify(opts)}`);
  }
  const out: Record<string, unknown> = { ...opts };
  for (const name of ['group_level', 'limit', 'skip']) {
    const value = coerceInteger(out[name]);
    if (value === undefined || value === null || Number.isNaN(value)) delete out[name];
    else out[name] = value;
  }
  return out as QueryOptions;
}

/**
 * PouchDB's `checkPositiveInteger`: a truthy non-number or a negative number is refused. A
 * fractional or infinite number is refused too (PouchDB passes it on to odd results).
 */
function checkPositiveInteger(value: unknown): void {
  if (!value) return;
  if (typeof value !== 'number') throw queryParseError(`Invalid value for integer: "${value}"`);
  if (value < 0) throw queryParseError(`Invalid value for positive integer: "${value}"`);
  if (!Number.isInteger(value)) throw queryParseError(`Invalid value for integer: "${value}"`);
}

/** Refuses a `keys` that is not an array, with CouchDB's message (PouchDB throws a `TypeError`). */
function checkKeys(opts: QueryOptions): void {
  if (opts.keys !== undefined && !Array.isArray(opts.keys)) {
    throw queryParseError('`keys` member must be an array.');
  }
}

/** Refuses a start key after the end key (in the query's direction). */
function checkRange(opts: QueryOptions): void {
  const start = opts.descending ? opts.endkey : opts.startkey;
  const end = opts.descending ? opts.startkey : opts.endkey;
  if (start !== undefined && end !== undefined && collate(start, end) > 0) {
    throw queryParseError(
      'No rows can match your key range, reverse your start_key and end_key or set {descending : true}',
    );
  }
}

/** Refuses options that make no sense for a reducing query. */
function checkReduce(opts: QueryOptions): void {
  if (opts.include_docs) throw queryParseError('{include_docs:true} is invalid for reduce');
  if (opts.keys && opts.keys.length > 1 && !opts.group && !opts.group_level) {
    throw queryParseError('Multi-key fetches for reduce views must use {group: true}');
  }
}

/**
 * Throws PouchDB's `query_parse_error` for invalid options, with the same checks in the same
 * order (`startkey`/`endkey` here, not their `start_key`/`end_key` aliases, as in PouchDB).
 * @param opts - the coerced options.
 * @param view - the view being queried.
 */
export function checkQueryOptions(opts: QueryOptions, view: ViewDefinition): void {
  checkKeys(opts);
  checkRange(opts);
  if (view.reduce && opts.reduce !== false) checkReduce(opts);
  for (const name of ['group_level', 'limit', 'skip'] as const) checkPositiveInteger(opts[name]);
}
