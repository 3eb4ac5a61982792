import { type EngineBatch, type EngineMeta, stringify } from '@satchel/core';
import type { AbstractBatchOperation } from 'abstract-level';
import { type Key, revKey, seqKey, textKey } from './key-codec.js';
import type { BlobStore, JsonStore, Level, LevelStores, MetaStore } from './level-stores.js';
import { recordJson } from './record-json.js';

/** One operation of the single `batch` a commit becomes. */
export type BatchOp = AbstractBatchOperation<Level, Key, string | Uint8Array>;

/** The key of the one meta entry. */
export const META_KEY = 'meta';

/** Bumped if the layout ever changes, so an old store can be recognised and migrated. */
export const FORMAT_VERSION = 1;

/** The meta entry as stored. */
export interface StoredMeta extends EngineMeta {
  version: number;
}

/** The JSON text of the meta entry. */
export function metaValue(meta: EngineMeta): string {
  const stored: StoredMeta = {
    version: FORMAT_VERSION,
    updateSeq: meta.updateSeq,
    docCount: meta.docCount,
    uuid: meta.uuid,
  };
  return JSON.stringify(stored);
}

/**
 * Translates an engine batch into abstract-level operations, each addressed to its sublevel,
 * so the whole change is written by one atomic `batch` on the parent database. Values go
 * through core's `stringify`, which survives documents nested deeper than native
 * `JSON.stringify` can recurse.
 */
export function batchOps(stores: LevelStores, batch: EngineBatch): BatchOp[] {
  const ops: BatchOp[] = [];
  const { docs, revs, seqs, locals, attachmentRecords, attachments } = stores;
  for (const r of batch.putDocs ?? []) ops.push(put(docs, textKey(r.id), recordJson(r)));
  for (const id of batch.deleteDocs ?? []) ops.push(del(docs, textKey(id)));
  for (const r of batch.putRevs ?? []) {
    ops.push(put(revs, revKey(r.id, r.rev), r.json ?? stringify(r.body)));
  }
  for (const r of batch.deleteRevs ?? []) ops.push(del(revs, revKey(r.id, r.rev)));
  // JSON keeps lone surrogates in ids intact (as \udXXX escapes); raw UTF-8 would not.
  for (const e of batch.putSeqs ?? []) ops.push(put(seqs, seqKey(e.seq), JSON.stringify(e.id)));
  for (const seq of batch.deleteSeqs ?? []) ops.push(del(seqs, seqKey(seq)));
  for (const r of batch.putLocals ?? []) ops.push(put(locals, textKey(r.id), stringify(r)));
  for (const id of batch.deleteLocals ?? []) ops.push(del(locals, textKey(id)));
  for (const { digest, refs, data } of batch.putAttachments ?? []) {
    const key = textKey(digest);
    ops.push(put(attachmentRecords, key, JSON.stringify({ digest, refs })));
    // Bytes come only with the first reference; later batches just update the record.
    if (data) ops.push(put(attachments, key, data));
  }
  for (const digest of batch.deleteAttachments ?? []) {
    const key = textKey(digest);
    ops.push(del(attachmentRecords, key), del(attachments, key));
  }
  if (batch.meta) ops.push(put(stores.meta, META_KEY, metaValue(batch.meta)));
  return ops;
}

/** Any of the engine's sublevels. */
type Sublevel = JsonStore | BlobStore | MetaStore;

function put(sublevel: Sublevel, key: Key, value: string | Uint8Array): BatchOp {
  const op = { type: 'put', sublevel, key, value } as BatchOp;
  if (typeof key !== 'string') op.keyEncoding = 'view';
  return op;
}

function del(sublevel: Sublevel, key: Key): BatchOp {
  const op = { type: 'del', sublevel, key } as BatchOp;
  if (typeof key !== 'string') op.keyEncoding = 'view';
  return op;
}
