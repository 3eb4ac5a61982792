import { type EngineBatch, type SeqEntry, stringify } from '@satchel/core';
import { bodyKey, type CacheChange, type StoreDelta } from './doc-cache.js';
import { idKey } from './id-key.js';
import { STORES } from './idb-schema.js';
import { type KnownDoc, writeDocs } from './inline-bodies.js';

/** A standalone copy of the bytes: storing a view would clone its whole underlying buffer. */
function ownBytes(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}

/** The stores a batch writes (and `meta`, which every commit advances): the commit's scope. */
export function storesOf(batch: EngineBatch): string[] {
  const names: string[] = [STORES.meta];
  const touches = (...lists: (unknown[] | undefined)[]) => lists.some((l) => l && l.length > 0);
  // Format 2 (see writeDocs): a record's write may move its body to `revs`, and a body's
  // deletion may rewrite the record that holds it.
  if (touches(batch.putDocs, batch.deleteDocs, batch.deleteRevs)) names.push(STORES.docs);
  if (touches(batch.putRevs, batch.deleteRevs, batch.putDocs)) names.push(STORES.revs);
  if (touches(batch.putSeqs, batch.deleteSeqs)) names.push(STORES.seqs);
  if (touches(batch.putLocals, batch.deleteLocals)) names.push(STORES.locals);
  if (touches(batch.putAttachments, batch.deleteAttachments)) {
    names.push(STORES.attachments, STORES.attachmentData);
  }
  return names;
}

/**
 * Issues every write of the batch inside `tx` (no awaiting between them: the transaction makes
 * them atomic); `tx` covers {@link storesOf} the batch. Returns what changed, for the cache
 * (complete once the transaction is). Deletions first, so a batch deleting and putting one key
 * leaves it put. Records and bodies: see {@link writeDocs}; `known` is what the cache knows of
 * the records at the version the commit is checked against.
 */
export function applyBatch(tx: IDBTransaction, batch: EngineBatch, known: KnownDoc): CacheChange {
  const store = (name: string) => tx.objectStore(name);
  const seqs: StoreDelta<SeqEntry, number> = { put: [], deleted: [] };
  const applied: CacheChange = {
    docs: { put: [], deleted: [] },
    locals: { put: [], deleted: [] },
    seqs,
    bodies: [],
  };
  for (const id of batch.deleteDocs ?? []) {
    const key = idKey(id);
    store(STORES.docs).delete(key);
    applied.docs.deleted.push(key);
  }
  for (const { id, rev } of batch.deleteRevs ?? []) {
    store(STORES.revs).delete([id, rev]);
    applied.bodies.push([bodyKey(id, rev)]);
  }
  for (const seq of batch.deleteSeqs ?? []) {
    store(STORES.seqs).delete(seq);
    seqs.deleted.push(seq);
  }
  for (const id of batch.deleteLocals ?? []) {
    store(STORES.locals).delete(id);
    applied.locals.deleted.push(id);
  }
  for (const digest of batch.deleteAttachments ?? []) {
    store(STORES.attachments).delete(digest);
    store(STORES.attachmentData).delete(digest);
  }
  const bodies = new Map<string, string>();
  for (const { id, rev, body, json } of batch.putRevs ?? []) {
    const text = json ?? stringify(body);
    bodies.set(bodyKey(id, rev), text);
    applied.bodies.push([bodyKey(id, rev), text]);
  }
  const inlined = writeDocs(tx, batch, bodies, known, applied);
  for (const { id, rev } of batch.putRevs ?? []) {
    const key = bodyKey(id, rev);
    if (!inlined.has(key)) store(STORES.revs).put(bodies.get(key), [id, rev]);
  }
  for (const entry of batch.putSeqs ?? []) {
    const value = { seq: entry.seq, id: entry.id };
    store(STORES.seqs).put(value);
    seqs.put.push([entry.seq, value]);
  }
  for (const local of batch.putLocals ?? []) {
    store(STORES.locals).put(local);
    applied.locals.put.push([local.id, local]);
  }
  for (const { digest, refs, data } of batch.putAttachments ?? []) {
    store(STORES.attachments).put({ digest, refs });
    if (data) store(STORES.attachmentData).put(ownBytes(data), digest);
  }
  return applied;
}
