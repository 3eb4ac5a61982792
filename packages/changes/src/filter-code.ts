/**
 * What only some feeds run, loaded with `import()` by the first of them (see `filterCode` in
 * filters.ts): design-document and `_view` filters (reading the design doc, compiling its
 * source) and the long-poll loop of live feeds on remote databases (the http adapter). A
 * page's plain `changes()` feeds never need it.
 */

export { loadDesignDocFilter } from './design-doc-filter.js';
export { longpoll, longpollOptions } from './longpoll.js';
export { loadViewFilter } from './view-filter.js';
