/**
 * The options pouchdb-find hands to a view (or `_all_docs`) query: a key range in view terms
 * (`key`, `startkey`, `endkey`, `inclusive_start`/`inclusive_end`), direction and paging.
 */
export interface ViewOptions {
  key?: unknown;
  startkey?: unknown;
  endkey?: unknown;
  inclusive_start?: boolean;
  inclusive_end?: boolean;
  descending?: boolean;
  limit?: number;
  skip?: number;
}

/**
 * Swaps the ends of a range for a descending read, as pouchdb-find's `reverseOptions`.
 * @param opts - ascending options.
 * @returns new options (the input is not changed).
 */
export function reverseOptions(opts: ViewOptions): ViewOptions {
  const reversed: ViewOptions = { ...opts };
  delete reversed.startkey;
  delete reversed.endkey;
  delete reversed.inclusive_start;
  delete reversed.inclusive_end;
  if ('endkey' in opts) reversed.startkey = opts.endkey;
  if ('startkey' in opts) reversed.endkey = opts.startkey;
  if ('inclusive_start' in opts) reversed.inclusive_end = opts.inclusive_start;
  if ('inclusive_end' in opts) reversed.inclusive_start = opts.inclusive_end;
  return reversed;
}
