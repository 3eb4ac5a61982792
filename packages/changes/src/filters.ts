import { onFirstUse, type Satchel } from '@satchel/core';
import { parseDesignDocFunctionName } from './design-doc-name.js';
import type { FilterSpec } from './feed-options.js';
import type { ChangeFilter } from './filter-function.js';
import { selectorFilter } from './selector-filter.js';

/**
 * The code of design-doc and view filters and of remote feeds, loaded by the first feed that
 * needs it: bundlers splitting chunks keep it out of what every page loads. Those feeds read a
 * design document or the network before their first change anyway.
 */
export const filterCode = onFirstUse(() => import('./filter-code.js'));

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
      return selectorFilter(spec.selector, db.__opts);
    case 'view': {
      const parts = typeof spec.view === 'string' ? parseDesignDocFunctionName(spec.view) : null;
      return (filterCode.loaded ?? (await filterCode.load())).loadViewFilter(db, parts);
    }
    case 'design': {
      const parts = parseDesignDocFunctionName(spec.name) ?? [spec.name, spec.name];
      return (filterCode.loaded ?? (await filterCode.load())).loadDesignDocFilter(db, parts);
    }
  }
}
