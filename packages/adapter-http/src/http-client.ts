import { createError, Errors, isSatchelError, stringify } from '@satchel/core';
import type { CookieJar } from './cookie-jar.js';
import { badBodyError, networkError, responseError, thrownHttpError } from './http-error.js';
import { type RequestGuard, readText, requestGuard } from './request-guard.js';

/** The `fetch` signature the client needs (global `fetch` or `opts.fetch`). */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/** One request: method, path relative to the database URL, and an optional JSON body. */
export interface HttpRequest {
  method?: string;
  /** Appended to the database URL: `''`, `'/_all_docs?limit=1'`, `'/doc'`… */
  path: string;
  /** Sent as JSON with `Content-Type: application/json`. */
  body?: unknown;
  /** Sent as is, instead of `body` (an attachment's bytes; set its type in `headers`). */
  rawBody?: Uint8Array;
  /** Replaces the database URL as the base of `path` (e.g. the server's root URL). */
  baseUrl?: string;
  /** Extra headers for this request only. */
  headers?: Record<string, string>;
  /** Aborts the request (and its body) when it fires. */
  signal?: AbortSignal;
  /**
   * Abort when no byte arrived for this many ms, instead of the client's total `timeout`
   * (long-polls legitimately wait longer than any request timeout).
   */
  idleTimeout?: number;
}

/** How a client talks to its database. */
export interface HttpClientOptions {
  /** Headers sent with every request (auth, `opts.headers`). */
  headers: Record<string, string>;
  /** The `fetch` to use. */
  fetch: FetchFunction;
  /** Abort a request (body included) after this many ms; none when absent. */
  timeout?: number | undefined;
  /** Cookies kept between requests (the default `fetch` only). */
  cookies?: CookieJar | undefined;
}

/**
 * Talks to one database over HTTP: adds the auth and custom headers and the session cookies,
 * turns network failures, HTTP error statuses and unreadable bodies into PouchDB-shaped errors.
 */
export class HttpClient {
  /**
   * @param url - the database URL without credentials.
   * @param options - headers, `fetch`, timeout and cookie jar.
   */
  constructor(
    readonly url: string,
    private readonly options: HttpClientOptions,
  ) {}

  /** The full URL of a request. */
  urlOf(req: HttpRequest): string {
    return (req.baseUrl ?? this.url) + req.path;
  }

  /** The server's base URL (the database URL without the database name), with a `/`. */
  get serverUrl(): string {
    return this.url.slice(0, this.url.lastIndexOf('/') + 1);
  }

  /** Sends a request and resolves its parsed JSON body. */
  async json<T>(req: HttpRequest): Promise<T> {
    const url = this.urlOf(req);
    const guard = this.guardFor(req);
    try {
      const res = await this.send(url, req, guard);
      let text: string;
      try {
        text = await readText(res, guard);
      } catch (cause) {
        throw networkError(reasonOf(guard, cause), url);
      }
      try {
        // Long-polls may be preceded by heartbeat newlines: whitespace JSON.parse accepts.
        return JSON.parse(text) as T;
      } catch (cause) {
        throw badBodyError(url, cause);
      }
    } finally {
      guard.done();
    }
  }

  /** Sends a request and resolves its body as bytes. */
  async bytes(req: HttpRequest): Promise<Uint8Array> {
    const url = this.urlOf(req);
    const guard = this.guardFor(req);
    try {
      const res = await this.send(url, req, guard);
      try {
        return new Uint8Array(await res.arrayBuffer());
      } catch (cause) {
        throw networkError(reasonOf(guard, cause), url);
      }
    } finally {
      guard.done();
    }
  }

  /**
   * PouchDB's `db.fetch`: a request with the client's auth, headers and cookies whose response
   * is returned whatever its status. A `path` starting with `/` is relative to the server
   * (`'/_session'`), any other to the database (`'_find'`), as in PouchDB.
   */
  async raw(path: string, init: RequestInit = {}): Promise<Response> {
    const url = path.startsWith('/') ? this.serverUrl + path.slice(1) : `${this.url}/${path}`;
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(this.options.headers)) {
      if (!headers.has(name)) headers.set(name, value);
    }
    this.addCookies(url, headers);
    // The response is the caller's to read: a total timeout, cleaned up by the runtime.
    const timeout = this.options.timeout;
    const signal =
      init.signal ?? (timeout === undefined ? undefined : AbortSignal.timeout(timeout));
    const res = await this.options.fetch(url, {
      credentials: 'include',
      ...init,
      headers,
      ...(signal ? { signal } : {}),
    });
    this.options.cookies?.store(url, res.headers);
    return res;
  }

  /** Sends a request and resolves the response, throwing the mapped error for non-2xx. */
  private async send(url: string, req: HttpRequest, guard: RequestGuard): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...this.options.headers };
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    Object.assign(headers, req.headers);
    const cookie = this.options.cookies?.header(url);
    if (cookie) headers.Cookie = cookie;
    const init: RequestInit = { method: req.method ?? 'GET', headers, credentials: 'include' };
    if (req.rawBody !== undefined) init.body = req.rawBody as BodyInit;
    else if (req.body !== undefined) init.body = serializeBody(req.body);
    if (guard.signal) init.signal = guard.signal;
    let res: Response;
    try {
      res = await this.options.fetch(url, init);
    } catch (cause) {
      throw thrownHttpError(cause) ?? networkError(reasonOf(guard, cause), url);
    }
    guard.touch();
    this.options.cookies?.store(url, res.headers);
    if (!res.ok) throw responseError(res.status, await readJsonQuietly(res), res.statusText);
    return res;
  }

  private guardFor(req: HttpRequest): RequestGuard {
    return requestGuard({
      signal: req.signal,
      timeoutMs: req.idleTimeout === undefined ? this.options.timeout : undefined,
      idleMs: req.idleTimeout,
    });
  }

  private addCookies(url: string, headers: Headers): void {
    const cookie = this.options.cookies?.header(url);
    if (cookie && !headers.has('Cookie')) headers.set('Cookie', cookie);
  }
}

/**
 * A request body as JSON, however deeply nested (a document the local database took must be
 * able to reach the server); one that has none (cyclic, BigInt) is a 400.
 */
function serializeBody(body: unknown): string {
  try {
    return stringify(body);
  } catch (cause) {
    // Already PouchDB's answer (a document longer than a string can be: document_too_large).
    if (isSatchelError(cause)) throw cause;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw createError(Errors.BAD_REQUEST, `The request body cannot be sent as JSON: ${detail}`);
  }
}

/** Why a request failed: the abort reason when a signal fired (a timeout), else the error. */
function reasonOf(guard: RequestGuard, cause: unknown): unknown {
  return guard.signal?.aborted ? (guard.signal.reason ?? cause) : cause;
}

/** The JSON body of an error response, or `undefined` when it is missing or not JSON. */
async function readJsonQuietly(res: Response): Promise<unknown> {
  try {
    return JSON.parse(await res.text());
  } catch {
    return undefined;
  }
}
