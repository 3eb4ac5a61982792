import { createError, Errors, generateErrorFromResponse, type SatchelError } from '@satchel/core';

/**
 * The error for a failed HTTP response, as PouchDB's http adapter makes it: the body mapped by
 * `generateErrorFromResponse` with the response's status. A body that is no JSON object (a
 * proxy's HTML error page) gives `unknown_error` whose message names the status, rather than
 * an empty message.
 * @param status - the HTTP status.
 * @param body - the parsed body, or `undefined` when it was not JSON.
 * @param statusText - the response's status text (`Bad Gateway`), when known.
 */
export function responseError(status: number, body: unknown, statusText = ''): SatchelError {
  const fields =
    typeof body === 'object' && body !== null
      ? body
      : {
          error: 'unknown_error',
          reason: `The server answered ${`${status} ${statusText}`.trim()} without a JSON error body`,
        };
  const err = generateErrorFromResponse({ ...fields, status });
  // PouchDB's http adapter rejects some calls (getAttachment) with the Response itself, and
  // callers read the server's answer with `err.json()`: the body is kept for them.
  Object.defineProperty(err, 'json', {
    value: () => Promise.resolve(body),
    writable: true,
    configurable: true,
  });
  return err;
}

/**
 * A network failure (refused connection, reset, DNS…) as PouchDB reports it: `unknown_error`,
 * with the underlying failure kept as `cause`.
 * @param cause - what `fetch` threw.
 * @param url - the URL that was requested.
 */
export function networkError(cause: unknown, url: string): SatchelError {
  const err = createError(Errors.UNKNOWN_ERROR, `Failed to fetch ${url}: ${failureText(cause)}`);
  Object.defineProperty(err, 'cause', { value: cause, writable: true, configurable: true });
  return err;
}

/**
 * What went wrong, in words. Node's `fetch` says only "fetch failed" and keeps the reason
 * (`connect ECONNREFUSED 127.0.0.1:5984`, `getaddrinfo ENOTFOUND`) in its `cause`, or, when
 * every address of a name refused, in an `AggregateError` with no message: both are named.
 */
function failureText(failure: unknown): string {
  if (!(failure instanceof Error)) return String(failure);
  const inner = failure.cause;
  if (!(inner instanceof Error)) return failure.message;
  const code = (inner as { code?: unknown }).code;
  const because =
    inner.message ||
    (inner instanceof AggregateError && inner.errors[0] instanceof Error
      ? inner.errors[0].message
      : typeof code === 'string'
        ? code
        : '');
  return because ? `${failure.message} (${because})` : failure.message;
}

/**
 * A 2xx response whose body is not the JSON it should be (truncated, HTML from a proxy…).
 * @param url - the URL that was requested.
 * @param cause - the parse failure.
 */
export function badBodyError(url: string, cause: unknown): SatchelError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  const err = createError(
    Errors.UNKNOWN_ERROR,
    `The server's response to ${url} is not valid JSON: ${detail}`,
  );
  Object.defineProperty(err, 'cause', { value: cause, writable: true, configurable: true });
  return err;
}

/**
 * What a custom `fetch` threw, when it is an HTTP refusal in error form (`{status: 401, name:
 * 'unauthorized', message}`, as a wrapper around another client may throw): kept as the caller's
 * error, with its status, name and message, instead of becoming a network failure. PouchDB
 * passes whatever `fetch` throws through, and its replication stops on such a 401/403 even
 * with `retry` (#5172, #5607).
 * @param cause - what `fetch` threw.
 * @returns the error to report, or `undefined` when `cause` carries no 4xx/5xx status.
 */
export function thrownHttpError(cause: unknown): SatchelError | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  const { status, name, message } = cause as {
    status?: unknown;
    name?: unknown;
    message?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status > 599) return undefined;
  const err = createError({
    status,
    name: typeof name === 'string' && name ? name : 'unknown_error',
    message: typeof message === 'string' ? message : '',
  });
  Object.defineProperty(err, 'cause', { value: cause, writable: true, configurable: true });
  return err;
}
