import type { StoredDoc } from './doc-cache.js';
import { transactionDone } from './idb-request.js';

/** Below this many ids, one `get` each is cheapest. */
const RANGE_READ_MIN_IDS = 16;
/** A range read is used when at most this many records per asked id lie in the range. */
const RANGE_READ_MAX_SPREAD = 3;

/**
 * Document records by key, in one transaction. Many ids (a changes feed, `allDocs({keys})`)
 * cost one request each, and in Chromium each request is an inter-process round trip; so when
 * the ids are many and dense (their range holds few other records, which one `count` tells),
 * a single `getAll` over their range reads them all instead.
 */
export async function getDocRecords(
  tx: IDBTransaction,
  storeName: string,
  keys: readonly string[],
): Promise<(StoredDoc | undefined)[]> {
  const store = tx.objectStore(storeName);
  const out: (StoredDoc | undefined)[] = new Array(keys.length);
  const one = (key: string, i: number) => {
    const request = store.get(key);
    request.onsuccess = () => {
      out[i] = request.result as StoredDoc | undefined;
    };
  };
  if (keys.length < RANGE_READ_MIN_IDS) {
    keys.forEach(one);
  } else {
    let min = keys[0]!;
    let max = min;
    for (const key of keys) {
      if (key < min) min = key;
      else if (key > max) max = key;
    }
    const range = IDBKeyRange.bound(min, max);
    const counting = store.count(range);
    counting.onsuccess = () => {
      if (counting.result > keys.length * RANGE_READ_MAX_SPREAD) {
        keys.forEach(one);
        return;
      }
      // Keys and values of one range in one transaction: the same records, in the same order.
      const keying = store.getAllKeys(range);
      const reading = store.getAll(range);
      reading.onsuccess = () =>
        pick(keying.result as string[], reading.result as StoredDoc[], keys, out);
    };
  }
  await transactionDone(tx);
  return out;
}

/** Places the records read over a range at the positions of the keys asked for. */
function pick(
  found: string[],
  records: StoredDoc[],
  keys: readonly string[],
  out: (StoredDoc | undefined)[],
) {
  const byKey = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const at = byKey.get(key);
    if (at) at.push(i);
    else byKey.set(key, [i]);
  });
  records.forEach((record, i) => {
    // An id asked twice gets the record twice; each is decoded into its own object later.
    for (const k of byKey.get(found[i]!) ?? []) out[k] = record;
  });
}
