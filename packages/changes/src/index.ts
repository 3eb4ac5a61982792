/**
 * `@satchel/changes`: PouchDB 9's `db.changes()` for Satchel: one-shot and live feeds,
 * function, design-doc, view, selector and doc_ids filters, events, promise and async
 * iteration.
 *
 * @packageDocumentation
 */

export { ChangesFeed } from './changes-feed.js';
export {
  type ChangesMethods,
  changes,
  changesPlugin,
  changesPlugin as default,
} from './changes-plugin.js';
export { DEFAULT_BATCH_SIZE } from './feed-options.js';
export { openFeedCount } from './feed-registry.js';
export {
  getSelectorMatcher,
  type SelectorMatcher,
  setSelectorMatcher,
  setSelectorMatcherLoader,
} from './selector-filter.js';
export type {
  Change,
  ChangesComplete,
  ChangesFilterFunction,
  ChangesOptions,
  FilterRequest,
  Selector,
} from './types.js';
