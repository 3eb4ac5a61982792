import { type AdapterOptions, createError, Errors, LONGEST_TIMER_MS } from '@satchel/core';
import { sharedCookieJar } from './cookie-jar.js';
import { type BasicAuth, parseDbUrl } from './db-url.js';
import { type FetchFunction, HttpClient } from './http-client.js';

/** The options of the http adapter, on top of the constructor's. */
export interface HttpAdapterOptions extends AdapterOptions {
  /** Basic-auth credentials; they win over credentials in the URL. */
  auth?: BasicAuth;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** The `fetch` to use instead of the global one (it then handles cookies itself). */
  fetch?: FetchFunction;
  /** Aborts any request (body included) that takes longer than this many ms. */
  timeout?: number;
  /** Do not check for and create the database when it is opened. */
  skip_setup?: boolean;
}

/**
 * Builds the client of a database from the adapter options: URL without credentials,
 * `Authorization` from `opts.auth` or the URL, custom headers and `fetch`. With the default
 * `fetch`, session cookies are kept in the jar all handles share, as PouchDB does on Node.
 * @param opts - the adapter options (`name` is the database URL).
 */
export function clientFor(opts: HttpAdapterOptions): HttpClient {
  checkOptions(opts);
  const location = parseDbUrl(opts.name, opts.auth, opts.prefix);
  const headers: Record<string, string> = { ...opts.headers };
  if (location.authorization) headers.Authorization = location.authorization;
  const custom = opts.fetch;
  return new HttpClient(location.url, {
    headers,
    fetch: custom ?? ((url, init) => fetch(url, init)),
    timeout: timerMs(opts.timeout),
    cookies: custom ? undefined : sharedCookieJar,
  });
}

/** A `timeout` as the client's timers take it: one too long for a timer (`Infinity`) is none. */
function timerMs(timeout: number | null | undefined): number | undefined {
  return timeout == null || timeout > LONGEST_TIMER_MS ? undefined : timeout;
}

/**
 * The option that is not what the adapter needs, as a sentence, or `undefined`. `null` counts
 * as not given, as PouchDB reads these options (`opts.auth || …`).
 */
function misfit(opts: HttpAdapterOptions): string | undefined {
  const { auth, headers, fetch: custom, timeout } = opts as Record<string, unknown>;
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (custom != null && typeof custom !== 'function') return 'fetch must be a function';
  if (headers != null && !isObject(headers)) return 'headers must be an object';
  if (auth != null) {
    const { username, password } = (isObject(auth) ? auth : {}) as Record<string, unknown>;
    if (typeof username !== 'string' || typeof password !== 'string') {
      return 'auth must be {username, password}, both strings';
    }
  }
  if (timeout != null && !(typeof timeout === 'number' && timeout > 0)) {
    return 'timeout must be a number of milliseconds above 0';
  }
  return undefined;
}

/**
 * Refuses options the client would misuse: a `fetch` that is not a function would fail every
 * request with a `TypeError`, and `auth` without a password would send "undefined" as one.
 */
function checkOptions(opts: HttpAdapterOptions): void {
  const problem = misfit(opts);
  if (problem) throw createError(Errors.BAD_ARG, `The http adapter's ${problem}`);
}
