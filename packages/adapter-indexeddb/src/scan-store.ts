import type { SeqEntry } from '@satchel/core';
import type { StoredDoc } from './doc-cache.js';
import { transactionDone } from './idb-request.js';
import { SEQ_INDEX, STORES } from './idb-schema.js';
import type { KeyRange } from './key-ranges.js';

/** What `getAllRecords` (Chromium 141+) takes: one request for a reversed, bounded range. */
interface GetAllRecordsSource {
  getAllRecords?(options: {
    query?: IDBKeyRange;
    count?: number;
    direction?: IDBCursorDirection;
  }): IDBRequest<{ value: unknown }[]>;
}

/**
 * Issues the read of the values of `source` in `range` in key order (reversed if asked), at
 * most `limit`: one `getAll` forwards; backwards one `getAllRecords` where the browser has it,
 * else a cursor. Returns them, once the transaction completes.
 */
function issueScan<T>(
  source: IDBObjectStore | IDBIndex,
  range: KeyRange,
  reverse: boolean | undefined,
  limit: number | undefined,
): () => T[] {
  let out: T[] = [];
  if (range === null || limit === 0) return () => out;
  if (!reverse) {
    const request = source.getAll(range, limit);
    request.onsuccess = () => {
      out = request.result as T[];
    };
  } else if (typeof (source as GetAllRecordsSource).getAllRecords === 'function') {
    const request = (source as GetAllRecordsSource).getAllRecords!({
      ...(range ? { query: range } : {}),
      ...(limit === undefined ? {} : { count: limit }),
      direction: 'prev',
    });
    request.onsuccess = () => {
      out = request.result.map((record) => record.value as T);
    };
  } else {
    const request = source.openCursor(range, 'prev');
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return;
      out.push(cursor.value as T);
      if (limit === undefined || out.length < limit) cursor.continue();
    };
  }
  return () => out;
}

/** The values of store `storeName` in `range`: see {@link issueScan}. */
export async function scanStore<T>(
  tx: IDBTransaction,
  storeName: string,
  range: KeyRange,
  reverse: boolean | undefined,
  limit: number | undefined,
): Promise<T[]> {
  const values = issueScan<T>(tx.objectStore(storeName), range, reverse, limit);
  await transactionDone(tx);
  return values();
}

/**
 * The by-seq entries in `range`, from `seqs` and from the records carrying them (`docs`' seq
 * index), merged in seq order (reversed if asked), at most `limit`. A seq is held in one place
 * only (see `SeqWriter`); a duplicate would still be returned once.
 */
export async function scanSeqSources(
  tx: IDBTransaction,
  range: KeyRange,
  reverse: boolean | undefined,
  limit: number | undefined,
): Promise<SeqEntry[]> {
  const stored = issueScan<SeqEntry>(tx.objectStore(STORES.seqs), range, reverse, limit);
  const index = tx.objectStore(STORES.docs).index(SEQ_INDEX);
  const carried = issueScan<StoredDoc>(index, range, reverse, limit);
  await transactionDone(tx);
  const byRecord = carried().map((value) => ({
    seq: value.seq!,
    id: (JSON.parse(value[0]) as { id: string }).id,
  }));
  const all = stored().concat(byRecord);
  all.sort(reverse ? (a, b) => b.seq - a.seq : (a, b) => a.seq - b.seq);
  const out = all.filter((entry, i) => i === 0 || entry.seq !== all[i - 1]!.seq);
  return limit === undefined ? out : out.slice(0, limit);
}
