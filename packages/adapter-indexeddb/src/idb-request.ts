/** The result of one request, as a promise. */
export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Settles when the transaction ends: resolves on `complete`, rejects with the transaction's
 * error on `abort` (`null` for an abort we asked for).
 */
export function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
    // An error on one request aborts the transaction; `onabort` reports it.
    tx.onerror = (event) => event.preventDefault?.();
  });
}

/**
 * Issues one `get` per key in `tx` (IndexedDB pipelines them); the array returned is filled in
 * order as they succeed, complete once the transaction is.
 */
export function issueGets<T>(
  tx: IDBTransaction,
  storeName: string,
  keys: readonly IDBValidKey[],
): (T | undefined)[] {
  const store = tx.objectStore(storeName);
  const out: (T | undefined)[] = new Array(keys.length);
  keys.forEach((key, i) => {
    const request = store.get(key);
    request.onsuccess = () => {
      out[i] = request.result as T | undefined;
    };
  });
  return out;
}

/**
 * Issues one `get` per key in a single transaction and collects the answers in order.
 * Requests are never awaited one by one.
 */
export async function getMany<T>(
  tx: IDBTransaction,
  storeName: string,
  keys: readonly IDBValidKey[],
): Promise<(T | undefined)[]> {
  const out = issueGets<T>(tx, storeName, keys);
  await transactionDone(tx);
  return out;
}
