import { normalizeDesignDocFunctionName } from './design-doc-name.js';
import type { ChangeFilter } from './filter-function.js';

/**
 * Whether `name` names no design-document filter: not a built-in (`_view`, `_design`…) and
 * neither `'name'` nor `'ddoc/name'` (`'a/b/c'`).
 * @param name - the `filter` option.
 */
export function isMalformedFilterName(name: string): boolean {
  return !name.startsWith('_') && normalizeDesignDocFunctionName(name) === null;
}

/**
 * The filter a malformed name stands for: none of the changes. PouchDB 9 never sends such a
 * name to a server and never reads a design document for it; its feed ends without a change
 * (locally with an `undefined` result, over http with `{results: [], last_seq}`), which
 * PouchDB's test #4451 requires. CouchDB would answer 400, but a PouchDB client never asks.
 */
export const rejectEveryChange: ChangeFilter = () => false;

/**
 * CouchDB's built-in `_design` filter (design documents only), which PouchDB runs locally
 * since after 9.0; remote adapters send the name to the server.
 */
export const designDocsOnly: ChangeFilter = (doc) => String(doc._id).startsWith('_design/');
