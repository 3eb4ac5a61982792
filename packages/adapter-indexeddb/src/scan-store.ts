import { transactionDone } from './idb-request.js';
import type { KeyRange } from './key-ranges.js';

/** What `getAllRecords` (Chromium 141+) takes: one request for a reversed, bounded range. */
interface GetAllRecordsStore {
  getAllRecords?(options: {
    query?: IDBKeyRange;
    count?: number;
    direction?: IDBCursorDirection;
  }): IDBRequest<{ value: unknown }[]>;
}

/**
 * The values of `storeName` in `range` in key order (reversed if asked), at most `limit`: one
 * `getAll` forwards; backwards one `getAllRecords` where the browser has it, else a cursor.
 */
export async function scanStore<T>(
  tx: IDBTransaction,
  storeName: string,
  range: KeyRange,
  reverse: boolean | undefined,
  limit: number | undefined,
): Promise<T[]> {
  if (range === null || limit === 0) return [];
  const store = tx.objectStore(storeName);
  let out: T[] = [];
  if (!reverse) {
    const request = store.getAll(range, limit);
    request.onsuccess = () => {
      out = request.result as T[];
    };
  } else if (typeof (store as GetAllRecordsStore).getAllRecords === 'function') {
    const request = (store as GetAllRecordsStore).getAllRecords!({
      ...(range ? { query: range } : {}),
      ...(limit === undefined ? {} : { count: limit }),
      direction: 'prev',
    });
    request.onsuccess = () => {
      out = request.result.map((record) => record.value as T);
    };
  } else {
    const request = store.openCursor(range, 'prev');
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return;
      out.push(cursor.value as T);
      if (limit === undefined || out.length < limit) cursor.continue();
    };
  }
  await transactionDone(tx);
  return out;
}
