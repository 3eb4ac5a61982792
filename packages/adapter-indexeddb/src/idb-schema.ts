import { createError, type EngineMeta, type LocalRecord } from '@satchel/core';
import { IDB_ERROR } from './idb-errors.js';

/**
 * The object stores of one Satchel database, each shaped for one of the Engine's reads:
 *
 * - `docs`: document records (rev tree, winner, seq) keyed by `idKey(id)`: `getAll` over a key
 *   range answers `allDocs` ranges in one request. A record usually carries its document's
 *   by-seq entry as its `seq` property (see `seq-entries.ts`), indexed by {@link SEQ_INDEX}, so
 *   writing a document costs one request, not two.
 * - `revs`: revision bodies keyed by `[id, rev]`, stored as the JSON text the writer already
 *   made (cheaper to clone than an object tree).
 * - `seqs`: `{seq, id}` keyed by `seq`, the by-seq entries no record carries (those of
 *   databases made before schema version 2, and entries matching no record of their batch):
 *   `changes` since N is one `getAll` over `(N, ∞)` here and one over the index.
 * - `attachments`: `{digest, refs}` by digest; `attachmentData`: the bytes by digest, apart so
 *   reference bookkeeping never loads them.
 * - `locals`: `_local/` documents by id ({@link StoredLocal}).
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

/**
 * The schema version given to `indexedDB.open`. 2 added {@link SEQ_INDEX}; opening a version-1
 * database upgrades it (other tabs with version 1 get `versionchange` and close).
 */
export const SCHEMA_VERSION = 2;

/** The index of `docs` over the by-seq entry a record carries (its `seq` property). */
export const SEQ_INDEX = 'seq';

/**
 * The layout of the records in the stores (how a document record, a body, a seq entry is
 * stored), apart from {@link SCHEMA_VERSION} (which stores and indexes exist). Databases made
 * before it was recorded have the layout of format 1. Format 2: a record holds its winning
 * revision's body, which is then not in `revs` (format 1 kept a copy in both). Format 3: a
 * `_local/` document's body is stored as JSON text, see {@link StoredLocal}.
 */
export const FORMAT = 3;

/**
 * A `_local/` document as stored in `locals`: since format 3 its body as JSON text (`json`), as
 * revision bodies are, because structured cloning gives up on a body nested a few thousand
 * levels deep (Chromium: "Maximum call stack size exceeded"), which JSON text never is. Records
 * of earlier formats hold the body itself (`body`) and are read as they are.
 */
export type StoredLocal = { id: string; rev: string; json: string } | LocalRecord;

/**
 * What `meta` holds: LocalAdapter's meta, a counter every commit advances, the {@link FORMAT}
 * of the records (absent: 1), and `seqTop`, no less than any by-seq entry ever stored (absent:
 * from before schema version 2: `meta.updateSeq`), so a commit knows which entries are new
 * without a read.
 */
export interface StoredState {
  meta: EngineMeta;
  version: number;
  format?: number;
  seqTop?: number;
}

/**
 * Refuses a database whose records a newer Satchel wrote in a format this one cannot read:
 * reading or writing them would corrupt it. The error says which versions are involved.
 */
export function checkFormat(state: StoredState, name: string): void {
  const format = state.format ?? 1;
  if (format <= FORMAT) return;
  throw createError(
    IDB_ERROR,
    `"${name}" has stored format ${format}, from a newer Satchel (this one reads up to ${FORMAT}): upgrade @satchel/adapter-indexeddb`,
  );
}

/**
 * Creates or upgrades the stores on `upgradeneeded` from `oldVersion`. Version 2's index is
 * built by IndexedDB over the records already stored: they carry no `seq`, so it starts empty
 * and their entries stay in `seqs` (nothing to dedupe); records carry entries once rewritten.
 */
export function createStores(request: IDBOpenDBRequest, oldVersion: number): void {
  const db = request.result;
  if (oldVersion < 1) createV1(db);
  if (oldVersion < 2) request.transaction!.objectStore(STORES.docs).createIndex(SEQ_INDEX, 'seq');
}

function createV1(db: IDBDatabase): void {
  db.createObjectStore(STORES.docs);
  db.createObjectStore(STORES.revs);
  db.createObjectStore(STORES.seqs, { keyPath: 'seq' });
  db.createObjectStore(STORES.attachments, { keyPath: 'digest' });
  db.createObjectStore(STORES.attachmentData);
  db.createObjectStore(STORES.locals, { keyPath: 'id' });
  db.createObjectStore(STORES.meta);
}
