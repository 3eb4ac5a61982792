/**
 * The code of calls most pages never make, or make long after they opened, from both layers
 * of core: replication (`revsDiff`, `bulkGet`, reads with `open_revs`, `latest`, `revs` or `revs_info`, writes with
 * `new_edits: false` and the general revision-tree merge, which an ordinary edit of the only
 * leaf never needs), reads asking for conflicts, the retry of a commit another writer refused, new documents written over deleted ones, the changes feed (pages read it after they opened and wrote), `allDocs` by `keys`, maintenance (`compact` and auto-compaction, `purge`, dependent databases), the records of databases brought over from PouchDB, attachments
 * (reading, inlining, decoding and digesting their bytes), `_local/` documents (replication's
 * checkpoints, plugins' bookkeeping), the sorting of scans for engines that cannot scan in
 * order, `put` with `force`, the checks and cleaning of writes with attachments, `destroy`,
 * and the warning of an emitter past its listener limit. Only `occasional.ts` imports this
 * module, with
 * `import()`, so bundlers split it off and load it the first time one of those calls runs.
 * One module rather than one per layer: each module split off costs bundles a chunk of the
 * code it shares with the page, so one costs least. Each layer still uses only its own part:
 * the Satchel class what comes from `satchel/` and `bulk-get-via-get.ts`, LocalAdapter what
 * comes from `local-adapter/`.
 *
 * `UpFrontSatchel` and `upFrontAdapterFactory`, the roots of core's up-front code (the Satchel
 * class, the LocalAdapter factory), are re-exported for the layout of bundles alone, never
 * used from here: esbuild assigns a file to the chunk of the set of entry points that reach
 * it, so without them the files this module shares with the page make one chunk and the rest
 * of core's up-front code another, each gzipped apart (core + indexeddb then loads 0.3 KB more
 * up front). With them, all of core's up-front code is one chunk.
 */

export { hashWithLargeData } from './large-data-rev-hash.js';
export { allDocsByKeys } from './local-adapter/all-docs-by-keys.js';
export { addAncestry } from './local-adapter/ancestry.js';
export { applyRest } from './local-adapter/apply-rest.js';
export { AttachmentRefChanges } from './local-adapter/attachment-ref-changes.js';
export { bodyWithAttachmentRefs } from './local-adapter/attachment-refs-in.js';
export { verifyStubs, withIncomingAttachments } from './local-adapter/attachments-in.js';
export { inlineAttachments } from './local-adapter/attachments-out.js';
export { bulkGetDocuments } from './local-adapter/bulk-get.js';
export { changes } from './local-adapter/changes.js';
export { compact, compactRecord } from './local-adapter/compact.js';
export { getAttachment as readAttachment } from './local-adapter/get-attachment.js';
export {
  availableRevs,
  importedDocRecord,
  storedBody,
} from './local-adapter/imported-records.js';
// For the layout of bundles (see above).
export { createLocalAdapterFactory as upFrontAdapterFactory } from './local-adapter/local-adapter-factory.js';
export { getLocal, putLocalInPlan, removeLocalInPlan } from './local-adapter/local-docs.js';
export { mergeChecked, mergeFirst } from './local-adapter/merge-doc.js';
export { latestOrMissing, openRevs } from './local-adapter/open-revs.js';
export { parseReplicated } from './local-adapter/parse-replicated.js';
export { purge } from './local-adapter/purge.js';
export { addConflicts } from './local-adapter/read-conflicts.js';
export { afterRefusal } from './local-adapter/refused-commit.js';
export { resurrected } from './local-adapter/resurrection.js';
export { revsDiff } from './local-adapter/revs-diff.js';
export { settleAttachmentRefs } from './local-adapter/settle-attachment-refs.js';
export { withSortedScans } from './local-adapter/sorted-scans.js';
export { writeGroup } from './local-adapter/write-group.js';
export { revExists } from './rev-tree/rev-exists.js';
export { pageKeys } from './satchel/all-docs-keys.js';
export { getAttachment, removeAttachment } from './satchel/attachment-methods.js';
export { registerDependent } from './satchel/dependents.js';
export { forcePut } from './satchel/force-put.js';
export { warnLeak } from './satchel/leak-warning.js';
export {
  bulkGetCall,
  callThrough,
  destroyCall,
  purgeCall,
  putAttachmentCall,
} from './satchel/occasional-methods.js';
export { checkRevsDiffRequest } from './satchel/request-checks.js';
// For the layout of bundles (see above).
export { Satchel as UpFrontSatchel } from './satchel/satchel.js';
export { checkAttachmentNames, cleanDocs, sortReplicated } from './satchel/write-checks.js';
