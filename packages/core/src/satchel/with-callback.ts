/** A Node-style callback. */
export type Callback<T> = (err: Error | null, result?: T) => void;

/**
 * Runs `task` and returns its promise; when `callback` is given it also receives the outcome,
 * outside the promise chain so a throwing callback is not reported as a rejection.
 */
export function withCallback<T>(
  task: () => Promise<T>,
  callback: Callback<T> | undefined,
): Promise<T> {
  let promise: Promise<T>;
  try {
    promise = task();
  } catch (err) {
    promise = Promise.reject(err);
  }
  if (typeof callback === 'function') {
    promise.then(
      (result) => queueMicrotask(() => callback(null, result)),
      (err: Error) => queueMicrotask(() => callback(err)),
    );
  }
  return promise;
}

/** Splits PouchDB's `(opts?, callback?)` tail into an options object and a callback. */
export function optsAndCallback<O extends object, T>(
  opts: O | Callback<T> | undefined | null,
  callback: Callback<T> | undefined,
): [O, Callback<T> | undefined] {
  if (typeof opts === 'function') return [{} as O, opts];
  return [(opts ?? {}) as O, callback];
}
