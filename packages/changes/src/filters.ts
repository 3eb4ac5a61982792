import type { Satchel } from '@satchel/core';
import { loadDesignDocFilter } from './design-doc-filter.js';
import type { FilterSpec } from './feed-options.js';
import type { ChangeFilter } from './filter-function.js';
import { selectorFilter } from './selector-filter.js';
import { loadViewFilter } from './view-filter.js';

/**
 * Turns a feed's filter request into one function (or none). Design-doc and view filters read
 * their design document once, when the feed starts, as PouchDB does.
 */
export async function resolveFilter(
  db: Satchel,
  spec: FilterSpec,
): Promise<ChangeFilter | undefined> {
  switch (spec.kind) {
    case 'none':
      return undefined;
    case 'function':
      return spec.filter;
    case 'selector':
      return selectorFilter(spec.selector);
    case 'view':
      return loadViewFilter(db, spec.view);
    case 'design':
      return loadDesignDocFilter(db, spec.name);
  }
}
