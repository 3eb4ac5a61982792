// The view engine: what `db.query` and `db.viewCleanup` run, loaded on their first call (see
// view-methods.ts) so that bundlers splitting chunks keep it out of what every page loads.
export { runQuery } from './query.js';
export { cleanupViews } from './view-cleanup.js';
