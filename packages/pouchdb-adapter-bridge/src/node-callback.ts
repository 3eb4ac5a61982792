import type { NodeCallback } from './pouch-adapter.js';

/**
 * Calls a callback-style method and resolves with its result, as PouchDB's `toPromise` does:
 * a method may answer through the callback or return a promise (pouchdb-adapter-utils'
 * `allDocsKeysQuery` does the latter). A synchronous throw rejects, and a callback called
 * twice (some adapters do on error paths) is ignored after the first.
 */
export function viaCallback<T>(start: (callback: NodeCallback<unknown>) => unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const callback: NodeCallback<unknown> = (err, result) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve(result as T);
    };
    try {
      const returned = start(callback);
      if (isThenable(returned)) returned.then((value) => callback(undefined, value), callback);
    } catch (err) {
      callback(err);
    }
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
