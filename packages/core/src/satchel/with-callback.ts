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

/**
 * Splits PouchDB's `(opts?, callback?)` tail into an options object and a callback. Options
 * set to `undefined` count as absent, as in PouchDB, whose copy of every argument drops them
 * (`allDocs({keys: undefined})` lists everything there): the object is copied without them.
 */
export function optsAndCallback<O extends object, T>(
  opts: O | Callback<T> | undefined | null,
  callback: Callback<T> | undefined,
): [O, Callback<T> | undefined] {
  if (typeof opts === 'function') return [{} as O, opts];
  return [withoutUndefined(opts ?? ({} as O)), callback];
}

/** `opts` itself when no member is undefined, else a copy without those members. */
function withoutUndefined<O extends object>(opts: O): O {
  const entries = Object.entries(opts);
  if (!entries.some(([, v]) => v === undefined)) return opts;
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as O;
}
