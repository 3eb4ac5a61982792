/**
 * The code behind Satchel methods most pages never call, or call long after opening:
 * attachments, replication's reads (`revsDiff`, `bulkGet` over `get`), `purge` and
 * `registerDependentDatabase`. Only `occasional.ts` imports this module, with `import()`, so
 * bundlers split it off and load it the first time one of those methods runs (each already
 * answers through a promise, so loading adds no new way to fail synchronously).
 */
export { bulkGetViaGet } from '../bulk-get-via-get.js';
export { getAttachment, putAttachment, removeAttachment } from './attachment-methods.js';
export { appendPurge } from './purges.js';
export { checkPurgeArgs, checkRevsDiffRequest } from './request-checks.js';
export { upsertLocal } from './upsert-local.js';
