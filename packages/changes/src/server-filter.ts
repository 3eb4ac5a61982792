import type { AdapterChangesOptions } from '@satchel/core';
import { normalizeDesignDocFunctionName } from './design-doc-name.js';
import type { ChangeFilter } from './filter-function.js';
import { isMalformedFilterName, rejectEveryChange } from './name-only-filters.js';
import type { ChangesOptions } from './types.js';

/**
 * For an adapter whose server filters (`Adapter.serverChanges`), as PouchDB's http adapter:
 * string filters (`'ddoc/name'`, `'_view'` + `view`, `'_selector'` + `selector`) and their
 * `query_params` go to the server in `out`; only a filter *function* is left to run here (on
 * docs the server then sends). `doc_ids` is already in `out` and wins over any string filter.
 * @returns the filter to run client-side, if any.
 */
export function serverFilter<T extends object>(
  opts: ChangesOptions<T>,
  out: AdapterChangesOptions,
): ChangeFilter | undefined {
  if (typeof opts.filter === 'function') return opts.filter as ChangeFilter;
  if (opts.doc_ids) return undefined;
  if (typeof opts.filter === 'string' && isMalformedFilterName(opts.filter)) {
    return rejectEveryChange;
  }
  if (typeof opts.filter === 'string' && opts.filter) out.filter = serverFilterName(opts.filter);
  if (typeof opts.view === 'string' && opts.view) {
    out.view = normalizeDesignDocFunctionName(opts.view) ?? opts.view;
  }
  if (opts.selector) out.selector = opts.selector;
  if (opts.query_params && typeof opts.query_params === 'object') {
    out.query_params = opts.query_params;
  }
  return undefined;
}

/** `'name'` is CouchDB's shorthand for `'name/name'`; built-in filters (`_view`…) stay as is. */
function serverFilterName(name: string): string {
  if (name.startsWith('_')) return name;
  return normalizeDesignDocFunctionName(name) ?? name;
}
