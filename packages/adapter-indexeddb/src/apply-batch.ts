import { type EngineBatch, stringify } from '@satchel/core';
import { bodyKey, type CacheChange, type StoredDoc } from './doc-cache.js';
import { idKey } from './id-key.js';
import { STORES } from './idb-schema.js';
import { inlinedBodies, type KnownDoc, type OldDoc, writeDocs } from './inline-bodies.js';
import { seqWriter } from './seq-entries.js';

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
  // By-seq entries live in records too (see SeqWriter).
  const seqs = touches(batch.putSeqs, batch.deleteSeqs);
  if (seqs || touches(batch.putDocs, batch.deleteDocs, batch.deleteRevs)) names.push(STORES.docs);
  if (touches(batch.putRevs, batch.deleteRevs, batch.putDocs)) names.push(STORES.revs);
  // A deleted record's entry, when the batch keeps it, moves to `seqs`.
  if (seqs || touches(batch.deleteDocs)) names.push(STORES.seqs);
  if (touches(batch.putLocals, batch.deleteLocals)) names.push(STORES.locals);
  if (touches(batch.putAttachments, batch.deleteAttachments)) {
    names.push(STORES.attachments, STORES.attachmentData);
  }
  return names;
}

/** A change with nothing in it yet, for {@link applyBatch} to fill. */
export function emptyChange(): CacheChange {
  return { docs: { put: [], deleted: [] }, locals: { put: [], deleted: [] }, bodies: [] };
}

/**
 * Issues every write of the batch inside `tx` (no awaiting: the transaction makes them atomic);
 * `tx` covers {@link storesOf} the batch. First the records the batch rewrites or deletes are
 * read (from `known`, what the cache knows at the version committed against, else by `get` in
 * `tx`); once they are in, the writes. Records and bodies: see `writeDocs`; by-seq entries:
 * `seqWriter`, with `top` from the state. Fills `applied` with what changed, for the cache
 * (complete once the transaction is). Calls `issued` (inside a request's callback, `tx`
 * active) once the last request of the batch is issued: the commit may then be asked for.
 */
export function applyBatch(
  tx: IDBTransaction,
  batch: EngineBatch,
  known: KnownDoc,
  top: number,
  applied: CacheChange,
  issued: () => void,
): void {
  const keys = new Set(
    [...(batch.putDocs ?? []), ...(batch.deleteRevs ?? [])].map(({ id }) => idKey(id)),
  );
  for (const id of batch.deleteDocs ?? []) keys.add(idKey(id));
  const olds = new Map<string, StoredDoc | undefined>();
  let pending = 1;
  const settle = () => {
    if (--pending === 0) writeBatch(tx, batch, (key) => olds.get(key), top, applied, issued);
  };
  for (const key of keys) {
    const cached = known(key);
    if (cached !== undefined) {
      olds.set(key, cached ?? undefined);
      continue;
    }
    pending++;
    const request = tx.objectStore(STORES.docs).get(key);
    request.onsuccess = () => {
      olds.set(key, request.result as StoredDoc | undefined);
      settle();
    };
  }
  settle();
}

/** The writes of {@link applyBatch}, the old records known. */
function writeBatch(
  tx: IDBTransaction,
  batch: EngineBatch,
  old: OldDoc,
  top: number,
  applied: CacheChange,
  issued: () => void,
): void {
  const store = (name: string) => tx.objectStore(name);
  const seqs = seqWriter(tx, batch, top, applied);
  for (const id of batch.deleteDocs ?? []) {
    const key = idKey(id);
    seqs.carry(id, old(key), undefined, true);
    store(STORES.docs).delete(key);
    applied.docs.deleted.push(key);
  }
  for (const { id, rev } of batch.deleteRevs ?? []) {
    store(STORES.revs).delete([id, rev]);
    applied.bodies.push([bodyKey(id, rev)]);
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
  writeDocs(tx, batch, bodies, old, seqs, applied);
  const inlined = inlinedBodies(batch, bodies);
  for (const { id, rev } of batch.putRevs ?? []) {
    const key = bodyKey(id, rev);
    if (!inlined.has(key)) store(STORES.revs).put(bodies.get(key), [id, rev]);
  }
  seqs.finish();
  for (const { id, rev, body } of batch.putLocals ?? []) {
    const stored = { id, rev, json: stringify(body) };
    store(STORES.locals).put(stored);
    applied.locals.put.push([id, stored]);
  }
  for (const { digest, refs, data } of batch.putAttachments ?? []) {
    store(STORES.attachments).put({ digest, refs });
    if (data) store(STORES.attachmentData).put(ownBytes(data), digest);
  }
  seqs.settled(issued);
}
