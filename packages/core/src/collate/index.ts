/**
 * CouchDB view collation, compatible with pouchdb-collate 9: the same order, the same key
 * normalisation and the same indexable-string encoding, without recursion.
 *
 * @packageDocumentation
 */

export { collate } from './collate.js';
export type { CollationKey } from './collation-key.js';
export { toIndexableString } from './indexable-string.js';
export { normalizeKey } from './normalize-key.js';
export { parseIndexableString } from './parse-indexable-string.js';
