import { massageSelector, type Selector } from '@satchel/selector';
import { badRequest } from './mango-error.js';
import type { FindRequest } from './types.js';

/** A find request after pouchdb-find's normalisation. */
export interface PreparedRequest {
  selector: Selector;
  sort?: Record<string, string>[];
  use_index?: string[];
  fields?: string[];
  limit?: number;
  skip?: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** pouchdb-find's `massageSort`: `'a'` becomes `{a: 'asc'}`. */
function massageSort(sort: unknown): Record<string, string>[] {
  if (!Array.isArray(sort)) throw badRequest('invalid sort json - should be an array');
  return sort.map((entry: unknown) => {
    if (typeof entry === 'string') return { [entry]: 'asc' };
    const direction = isRecord(entry) ? Object.values(entry) : [];
    if (direction.length !== 1 || (direction[0] !== 'asc' && direction[0] !== 'desc')) {
      throw badRequest('invalid sort json - each entry must be a field or {field: "asc"|"desc"}');
    }
    return entry as Record<string, string>;
  });
}

/** pouchdb-find's `massageUseIndex`: a list, `_design/` prefixes removed. */
function massageUseIndex(useIndex: unknown): string[] {
  const list = typeof useIndex === 'string' ? [useIndex] : useIndex;
  if (!Array.isArray(list) || list.some((name) => typeof name !== 'string')) {
    throw badRequest('use_index must be a string or an array of strings');
  }
  return list.map((name: string) => name.replace(/^_design\//, ''));
}

function checkCount(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw badRequest(`Invalid value for ${name}: must be a non-negative integer`);
  }
  return value;
}

function checkFields(fields: unknown): string[] | undefined {
  if (fields === undefined) return undefined;
  if (!Array.isArray(fields) || fields.some((field) => typeof field !== 'string')) {
    throw badRequest('fields must be an array of strings');
  }
  return fields as string[];
}

/**
 * Validates and normalises a find request as pouchdb-find 9 does: the selector is validated
 * and massaged, the sort and `use_index` massaged, `limit` defaults to 25 (CouchDB's default).
 * Malformed values give a 400 `bad_request` instead of PouchDB's `TypeError`s. The caller's
 * object is not modified.
 * @param request - the request as given to `find` or `explain`.
 * @param method - `'find'` or `'explain'`, for the error message.
 */
export function prepareFindRequest(request: unknown, method: string): PreparedRequest {
  if (!isRecord(request)) {
    throw badRequest(`you must provide search parameters to ${method}()`);
  }
  const find = request as unknown as FindRequest;
  if (!isRecord(find.selector)) throw badRequest('you must provide a selector when you find()');
  const prepared: PreparedRequest = { selector: massageSelector(find.selector) };
  if (find.sort) prepared.sort = massageSort(find.sort);
  if (find.use_index) prepared.use_index = massageUseIndex(find.use_index);
  const fields = checkFields(find.fields);
  if (fields) prepared.fields = fields;
  // An undefined `limit` is one not given (a request built as `{selector, limit: opts.limit}`):
  // CouchDB's default 25, where pouchdb-find answers nothing and a plain check would mean all.
  prepared.limit = find.limit === undefined ? 25 : checkCount('limit', find.limit);
  const skip = checkCount('skip', find.skip);
  if (skip !== undefined) prepared.skip = skip;
  return prepared;
}
