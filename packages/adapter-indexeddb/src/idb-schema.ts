import { createError, type EngineMeta, Errors } from '@satchel/core';

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

/**
 * The layout of the records in the stores (how a document record, a body, a seq entry is
 * stored), apart from {@link SCHEMA_VERSION} (which stores and indexes exist). Databases made
 * before it was recorded have the layout of format 1. Format 2: a record holds its winning
 * revision's body, which is then not in `revs` (format 1 kept a copy in both).
 */
export const FORMAT = 2;

/**
 * What `meta` holds: LocalAdapter's meta, a counter every commit advances, and the
 * {@link FORMAT} of the records (absent: 1).
 */
export interface StoredState {
  meta: EngineMeta;
  version: number;
  format?: number;
}

/**
 * Refuses a database whose records a newer Satchel wrote in a format this one cannot read:
 * reading or writing them would corrupt it. The error says which versions are involved.
 */
export function checkFormat(state: StoredState, name: string): void {
  const format = state.format ?? 1;
  if (format <= FORMAT) return;
  throw createError(
    Errors.IDB_ERROR,
    `"${name}" has stored format ${format}, from a newer Satchel (this one reads up to ${FORMAT}): upgrade @satchel/adapter-indexeddb`,
  );
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
