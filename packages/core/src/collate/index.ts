/**
 * CouchDB view collation, compatible with pouchdb-collate 9: the same order, the same key
 * normalisation and the same indexable-string encoding, without recursion.
 *
 * @packageDocumentation
 */

// Whole-file re-exports only (`export *`), never `export { x } from`: esbuild keeps a barrel
// with a used named re-export as a module of its own and follows all its imports from every
// chunk that reaches it, so a chunk loaded on first use that needs one helper would share the
// whole of core with the page in extra chunks (see presets/browser/test/size.test.ts).
export * from './collate.js';
export type { CollationKey } from './collation-key.js';
export * from './indexable-string.js';
export * from './normalize-key.js';
export * from './parse-indexable-string.js';
