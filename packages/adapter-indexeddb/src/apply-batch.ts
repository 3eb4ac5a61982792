import { type DocRecord, type EngineBatch, stringify } from '@satchel/core';
import { idKey } from './id-key.js';
import { STORES } from './idb-schema.js';
import type { StoredDoc } from './read-cache.js';

/** A standalone copy of the bytes: storing a view would clone its whole underlying buffer. */
function ownBytes(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}

/**
 * The record as stored (see {@link StoredDoc}): with its winning revision's JSON when this
 * batch writes that revision, so reading the document needs no second request.
 */
function stored(record: DocRecord, bodies: Map<string, string>): StoredDoc {
  const body = bodies.get(`${record.winningRev}\u0000${record.id}`);
  return body === undefined ? [stringify(record)] : [stringify(record), body];
}

/**
 * Issues every write of the batch inside `tx` (no awaiting between them: the transaction makes
 * them atomic). Deletions first, so a batch deleting and putting one key leaves it put.
 */
export function applyBatch(tx: IDBTransaction, batch: EngineBatch): void {
  const docs = tx.objectStore(STORES.docs);
  const revs = tx.objectStore(STORES.revs);
  const seqs = tx.objectStore(STORES.seqs);
  const locals = tx.objectStore(STORES.locals);
  const attachments = tx.objectStore(STORES.attachments);
  const attachmentData = tx.objectStore(STORES.attachmentData);
  for (const id of batch.deleteDocs ?? []) docs.delete(idKey(id));
  for (const { id, rev } of batch.deleteRevs ?? []) revs.delete([id, rev]);
  for (const seq of batch.deleteSeqs ?? []) seqs.delete(seq);
  for (const id of batch.deleteLocals ?? []) locals.delete(id);
  for (const digest of batch.deleteAttachments ?? []) {
    attachments.delete(digest);
    attachmentData.delete(digest);
  }
  const bodies = new Map<string, string>();
  for (const { id, rev, body, json } of batch.putRevs ?? []) {
    const text = json ?? stringify(body);
    revs.put(text, [id, rev]);
    bodies.set(`${rev}\u0000${id}`, text);
  }
  for (const record of batch.putDocs ?? []) docs.put(stored(record, bodies), idKey(record.id));
  for (const entry of batch.putSeqs ?? []) seqs.put({ seq: entry.seq, id: entry.id });
  for (const local of batch.putLocals ?? []) locals.put(local);
  for (const { digest, refs, data } of batch.putAttachments ?? []) {
    attachments.put({ digest, refs });
    if (data) attachmentData.put(ownBytes(data), digest);
  }
}
