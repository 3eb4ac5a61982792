import { type DocRecord, type EngineBatch, stringify } from '@satchel/core';
import { bodyKey, type CacheChange, type StoredDoc } from './doc-cache.js';
import { idKey } from './id-key.js';
import { STORES } from './idb-schema.js';

/** What the cache knows of a stored record: it, `null` when known absent, `undefined`: unknown. */
export type KnownDoc = (key: string) => StoredDoc | null | undefined;

/**
 * Writes the document records of a batch in format 2, where the winning revision's body lives
 * only inside its record (one request per new document instead of two) and every other body
 * in `revs`. A body therefore has exactly one home, and moves when the winner changes:
 *
 * - a record whose winner's body the batch writes holds that body; the body is not put in `revs`;
 * - a record whose winner is unchanged keeps the body it held (unless the batch deletes it);
 * - the body a record held for a former winner moves to `revs`, unless the batch deletes it;
 * - a batch deleting the held body of a record it does not rewrite rewrites it without.
 *
 * The contract's rule 2 (a stored body is never put again) keeps this sound. The old record
 * comes from the cache when it knows it, else from a `get` in the commit's own transaction (the
 * record's writes then wait for it, still inside the one transaction). Records of format 1
 * (`[record, body]`, the body also in `revs`) are read as holding nothing.
 *
 * @returns the bodies of `putRevs` that go in records rather than in `revs`, by `bodyKey`.
 */
export function writeDocs(
  tx: IDBTransaction,
  batch: EngineBatch,
  bodies: ReadonlyMap<string, string>,
  known: KnownDoc,
  applied: CacheChange,
): Set<string> {
  const inlined = new Set<string>();
  // The commit's scope holds `docs` only when the batch writes records or deletes bodies.
  if (!batch.putDocs?.length && !batch.deleteRevs?.length) return inlined;
  const docs = tx.objectStore(STORES.docs);
  const dropped = new Set((batch.deleteRevs ?? []).map(({ id, rev }) => bodyKey(id, rev)));
  const withOld = (key: string, write: (old: StoredDoc | undefined) => void) => {
    const cached = known(key);
    if (cached !== undefined) return write(cached ?? undefined);
    const request = docs.get(key);
    request.onsuccess = () => write(request.result as StoredDoc | undefined);
  };
  const rewritten = new Set((batch.deleteDocs ?? []).map(idKey));
  for (const record of batch.putDocs ?? []) {
    const key = idKey(record.id);
    rewritten.add(key);
    const own = bodies.get(bodyKey(record.id, record.winningRev));
    if (own !== undefined) inlined.add(bodyKey(record.id, record.winningRev));
    withOld(key, (old) => {
      const value = storedRecord(tx, record, own, old, dropped);
      docs.put(value, key);
      applied.docs.put.push([key, value]);
    });
  }
  // A held body deleted while its record stays: the record is rewritten without it.
  for (const id of new Set((batch.deleteRevs ?? []).map((ref) => ref.id))) {
    const key = idKey(id);
    if (rewritten.has(key)) continue;
    withOld(key, (old) => {
      if (old?.[2] === undefined || !dropped.has(bodyKey(id, old[2]))) return;
      const value: StoredDoc = [old[0]];
      docs.put(value, key);
      applied.docs.put.push([key, value]);
    });
  }
  return inlined;
}

/** The stored value of `record`, and the move of a former winner's body to `revs`. */
function storedRecord(
  tx: IDBTransaction,
  record: DocRecord,
  own: string | undefined,
  old: StoredDoc | undefined,
  dropped: ReadonlySet<string>,
): StoredDoc {
  const json = stringify(record);
  const held = old?.[2];
  let body = own;
  if (held !== undefined && !dropped.has(bodyKey(record.id, held))) {
    if (held !== record.winningRev) {
      tx.objectStore(STORES.revs).put(old![1], [record.id, held]);
    } else body ??= old![1];
  }
  return body === undefined ? [json] : [json, body, record.winningRev];
}
