import * as Errors from './error-templates.js';
import { createError, type ErrorTemplate, type SatchelError } from './errors.js';

// Only remote databases (the http adapter) and views queried over http read CouchDB's error
// bodies: a file of its own keeps this out of what a page loads before it opens one.

/** Reads `key` when present (own or inherited, as PouchDB's `in` checks see it). */
function field(body: object, key: string): unknown {
  return key in body ? (body as Record<string, unknown>)[key] : undefined;
}

/** PouchDB's naming rule: a conflict is a conflict, else `name`, else `error`, else unknown. */
function responseName(body: object): string {
  if (field(body, 'error') === 'conflict') return 'conflict';
  if ('name' in body) return field(body, 'name') as string;
  return (field(body, 'error') as string) || 'unknown';
}

/** PouchDB's status rule: 409 for a conflict, else the body's status, else 500. */
function responseStatus(body: object): number {
  if (field(body, 'error') === 'conflict') return 409;
  return 'status' in body ? (field(body, 'status') as number) : 500;
}

/**
 * Turns a CouchDB error response into an error, following PouchDB's
 * `generateErrorFromResponse`:
 * - a non-object payload gives `unknown_error` (500) with the payload in `data`;
 * - `error: 'conflict'` always gives name `conflict`, status 409;
 * - otherwise `name` is the body's `name`, else its `error`, else `'unknown'`; `status` is the
 *   body's, else 500; `message` is the body's `message`, else its `reason`;
 * - every other field (`error` as the server's string, `reason`, `id`, …) is kept.
 *
 * Unlike PouchDB, the body is not mutated, the result is a real {@link SatchelError}, and a
 * body without `error` still gets `error: true` (PouchDB leaves it out, yet its own code tells
 * error rows apart by `row.error`).
 * @param data - the parsed response body (or whatever the server sent).
 */
export function generateErrorFromResponse(data: unknown): SatchelError {
  if (typeof data !== 'object' || data === null) {
    const err = createError(Errors.UNKNOWN_ERROR);
    err.data = data;
    return err;
  }
  const message = 'message' in data ? field(data, 'message') : field(data, 'reason');
  // The body's own fields, with these three as PouchDB reads them: `createError` copies every
  // field but `status`, `name` and `message` (and functions) after setting those three.
  const template = {
    ...data,
    status: responseStatus(data),
    name: responseName(data),
    message,
  } as ErrorTemplate;
  const err = createError(template);
  // PouchDB leaves message undefined when the body has neither; Error's own default is ''.
  if (message === undefined) delete (err as { message?: string }).message;
  return err;
}
