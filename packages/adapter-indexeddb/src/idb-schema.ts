import type { EngineMeta } from '@satchel/core';

/**
 * The object stores of one Satchel database, each shaped for one of the Engine's reads:
 *
 * - `docs`: document records (rev tree, winner, seq) keyed by `idKey(id)`: `getAll` over a key
 *   range answers `allDocs` ranges in one request.
 * - `revs`: revision bodies keyed by `[id, rev]`, stored as the JSON text the writer already
 *   made (cheaper to clone than an object tree).
 * - `seqs`: `{seq, id}` keyed by `seq`: `changes` since N is one `getAll` over `(N, ∞)`.
 * - `attachments`: `{digest, refs}` by digest; `attachmentData`: the bytes by digest, apart so
 *   reference bookkeeping never loads them.
 * - `locals`: `_local/` documents by id.
 * - `meta`: one record, {@link StoredState}: the meta and the version counter.
 */
export const STORES = {
  docs: 'docs',
  revs: 'revs',
  seqs: 'seqs',
  attachments: 'attachments',
  attachmentData: 'attachmentData',
  locals: 'locals',
  meta: 'meta',
} as const;

/** The key of the one record in `meta`. */
export const STATE_KEY = 'state';

/** The schema version given to `indexedDB.open`. */
export const SCHEMA_VERSION = 1;

/** What `meta` holds: LocalAdapter's meta, and a counter every commit advances. */
export interface StoredState {
  meta: EngineMeta;
  version: number;
}

/** Creates the stores of a new database (`upgradeneeded` from version 0). */
export function createStores(db: IDBDatabase): void {
  db.createObjectStore(STORES.docs);
  db.createObjectStore(STORES.revs);
  db.createObjectStore(STORES.seqs, { keyPath: 'seq' });
  db.createObjectStore(STORES.attachments, { keyPath: 'digest' });
  db.createObjectStore(STORES.attachmentData);
  db.createObjectStore(STORES.locals, { keyPath: 'id' });
  db.createObjectStore(STORES.meta);
}
