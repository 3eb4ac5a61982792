/**
 * The LocalAdapter code of calls most pages never make, or make long after they opened:
 * replication's reads (`revsDiff`, `bulkGet`), maintenance (`compact`, `purge`) and attachment
 * bytes (reading, inlining, decoding and digesting incoming data). Only `occasional.ts` imports
 * this module, with `import()`, so bundlers split it off and load it the first time it is used.
 */
export { verifyStubs, withIncomingAttachments } from './attachments-in.js';
export { inlineAttachments } from './attachments-out.js';
export { bulkGetDocuments } from './bulk-get.js';
export { compact } from './compact.js';
export { getAttachment } from './get-attachment.js';
export { purge } from './purge.js';
export { revsDiff } from './revs-diff.js';
