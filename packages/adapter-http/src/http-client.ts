import { badBodyError, networkError, responseError } from './http-error.js';

/** The `fetch` signature the client needs (global `fetch` or `opts.fetch`). */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/** One request: method, path relative to the database URL, and an optional JSON body. */
export interface HttpRequest {
  method?: string;
  /** Appended to the database URL: `''`, `'/_all_docs?limit=1'`, `'/doc'`… */
  path: string;
  /** Sent as JSON with `Content-Type: application/json`. */
  body?: unknown;
  /** Replaces the database URL as the base of `path` (e.g. the server's root URL). */
  baseUrl?: string;
  /** Extra headers for this request only. */
  headers?: Record<string, string>;
}

/**
 * Talks to one database over HTTP: adds the auth and custom headers, turns network failures,
 * HTTP error statuses and unreadable bodies into PouchDB-shaped errors.
 */
export class HttpClient {
  /**
   * @param url - the database URL without credentials.
   * @param headers - headers sent with every request (auth, `opts.headers`).
   * @param fetchFn - the `fetch` to use.
   * @param timeoutMs - abort a request (body included) after this many ms; none when absent.
   */
  constructor(
    readonly url: string,
    private readonly headers: Record<string, string>,
    private readonly fetchFn: FetchFunction,
    private readonly timeoutMs?: number,
  ) {}

  /** The full URL of a request. */
  urlOf(req: HttpRequest): string {
    return (req.baseUrl ?? this.url) + req.path;
  }

  /** Sends a request and resolves the response, throwing the mapped error for non-2xx. */
  async send(req: HttpRequest): Promise<Response> {
    const url = this.urlOf(req);
    const headers: Record<string, string> = { Accept: 'application/json', ...this.headers };
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    Object.assign(headers, req.headers);
    const init: RequestInit = { method: req.method ?? 'GET', headers };
    if (req.body !== undefined) init.body = JSON.stringify(req.body);
    if (this.timeoutMs !== undefined) init.signal = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    try {
      res = await this.fetchFn(url, init);
    } catch (cause) {
      throw networkError(cause, url);
    }
    if (!res.ok) throw responseError(res.status, await readJsonQuietly(res));
    return res;
  }

  /** Sends a request and resolves its parsed JSON body. */
  async json<T>(req: HttpRequest): Promise<T> {
    const res = await this.send(req);
    let text: string;
    try {
      text = await res.text();
    } catch (cause) {
      throw networkError(cause, this.urlOf(req));
    }
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw badBodyError(this.urlOf(req), cause);
    }
  }

  /** Sends a request and resolves its body as bytes. */
  async bytes(req: HttpRequest): Promise<Uint8Array> {
    const res = await this.send(req);
    try {
      return new Uint8Array(await res.arrayBuffer());
    } catch (cause) {
      throw networkError(cause, this.urlOf(req));
    }
  }
}

/** The JSON body of an error response, or `undefined` when it is missing or not JSON. */
async function readJsonQuietly(res: Response): Promise<unknown> {
  try {
    return JSON.parse(await res.text());
  } catch {
    return undefined;
  }
}
