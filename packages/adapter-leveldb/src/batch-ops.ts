import { type EngineBatch, type EngineMeta, stringify } from '@satchel/core';
import type { AbstractBatchOperation } from 'abstract-level';
import { encodeText, revKey, seqKey } from './key-codec.js';
import type { BlobStore, JsonStore, Level, LevelStores, MetaStore } from './level-stores.js';

/** One operation of the single `batch` a commit becomes. */
export type BatchOp = AbstractBatchOperation<Level, Uint8Array | string, string | Uint8Array>;

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
  const { docs, revs, seqs, locals, attachments } = stores;
  for (const r of batch.putDocs ?? []) ops.push(put(docs, encodeText(r.id), stringify(r)));
  for (const id of batch.deleteDocs ?? []) ops.push(del(docs, encodeText(id)));
  for (const r of batch.putRevs ?? []) ops.push(put(revs, revKey(r.id, r.rev), stringify(r.body)));
  for (const r of batch.deleteRevs ?? []) ops.push(del(revs, revKey(r.id, r.rev)));
  // JSON keeps lone surrogates in ids intact (as \udXXX escapes); raw UTF-8 would not.
  for (const e of batch.putSeqs ?? []) ops.push(put(seqs, seqKey(e.seq), JSON.stringify(e.id)));
  for (const seq of batch.deleteSeqs ?? []) ops.push(del(seqs, seqKey(seq)));
  for (const r of batch.putLocals ?? []) ops.push(put(locals, encodeText(r.id), stringify(r)));
  for (const id of batch.deleteLocals ?? []) ops.push(del(locals, encodeText(id)));
  for (const a of batch.putAttachments ?? []) ops.push(put(attachments, a.digest, a.data));
  for (const digest of batch.deleteAttachments ?? []) ops.push(del(attachments, digest));
  if (batch.meta) ops.push(put(stores.meta, META_KEY, metaValue(batch.meta)));
  return ops;
}

/** Any of the engine's sublevels. */
type Sublevel = JsonStore | BlobStore | MetaStore;

function put(sublevel: Sublevel, key: Uint8Array | string, value: string | Uint8Array): BatchOp {
  return { type: 'put', sublevel, key, value } as BatchOp;
}

function del(sublevel: Sublevel, key: Uint8Array | string): BatchOp {
  return { type: 'del', sublevel, key } as BatchOp;
}
