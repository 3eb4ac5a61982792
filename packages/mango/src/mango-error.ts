import { createError, type SatchelError } from '@satchel/core';

/**
 * A malformed request: status 400, name `bad_request`, with pouchdb-find's own wording as the
 * `message` (pouchdb-find throws plain `Error`s with these messages; the status and name make
 * them PouchDB-style errors too, as CouchDB answers 400 for them).
 * @param message - e.g. `'invalid sort json - should be an array'`.
 */
export function badRequest(message: string): SatchelError {
  return createError({ status: 400, name: 'bad_request', message }, message);
}

/**
 * pouchdb-find's planner errors, which carry a string `error` (`no_usable_index`,
 * `unknown_error`) and a `message`; status 400 as CouchDB answers them.
 * @param error - the error id.
 * @param message - the explanation.
 */
export function plannerError(error: string, message: string): Error {
  const err = new Error(message) as Error & { error: string; status: number };
  err.error = error;
  err.status = 400;
  err.name = error;
  return err;
}
