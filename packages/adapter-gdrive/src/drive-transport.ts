import { type BackoffOptions, backoffDefaults, backoffDelay, sleep } from './backoff.js';
import { DriveError, driveReason, isTransientStatus } from './drive-error.js';

/** A file as the adapter sees it in Drive listings and create answers. */
export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  /** RFC 3339 time the file was created (server clock). */
  createdTime: string;
}

/** Where and how the transport talks to Drive. */
export interface DriveTransportOptions {
  /**
   * Returns an OAuth access token with a Drive scope (`drive.file` or `drive.appdata`). Called
   * once at first use, and once more when Drive answers 401 (the token expired); the adapter
   * never runs an OAuth flow itself.
   */
  getAccessToken: () => string | Promise<string>;
  /** Drive's API root (default `https://www.googleapis.com`); tests point it at a mock. */
  baseUrl?: string;
  /** The `fetch` to use (default the global one). */
  fetch?: typeof fetch;
  /** Retries of rate limits, 5xx, timeouts and dropped connections. */
  backoff?: Partial<BackoffOptions>;
  /** A request with no answer after this many ms is abandoned and retried (default 60000). */
  requestTimeoutMs?: number;
  /** Files per listing page (default 1000, Drive's maximum). */
  pageSize?: number;
}

/** The MIME type Drive gives folders. */
export const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** Drive refuses multipart uploads above 5 MB (larger files need a resumable upload). */
export const MAX_MULTIPART_BYTES = 5 * 1024 * 1024;
const FILE_FIELDS = 'id,name,mimeType,createdTime';

/** One HTTP request, before auth and retries. */
interface DriveRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

/** One HTTP answer that was not retried away. */
interface DriveAnswer {
  status: number;
  text: string;
  etag: string | null;
}

/**
 * Every Drive call the adapter makes, and nothing else: listing a folder, creating folders and
 * files, downloading a file, and the one conditional write (a v2 media upload with `If-Match`,
 * because v3 ignores `If-Match`). Retries transient failures with backoff and refreshes the
 * token once on 401. Uses only `fetch`, so it runs in browsers and on Node alike.
 */
export class DriveTransport {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly backoff: BackoffOptions;
  private readonly timeoutMs: number;
  private token: Promise<string> | undefined;

  constructor(private readonly options: DriveTransportOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://www.googleapis.com').replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.backoff = { ...backoffDefaults, ...options.backoff };
    this.timeoutMs = options.requestTimeoutMs ?? 60_000;
  }

  /**
   * The children of `parentId` (a folder id, `root` or `appDataFolder`) that are not trashed,
   * optionally only those named `name` and only folders; all pages.
   */
  async list(
    parentId: string,
    filter: { name?: string; folders?: boolean } = {},
  ): Promise<DriveFile[]> {
    const terms = [`'${escapeQuery(parentId)}' in parents`, 'trashed = false'];
    if (filter.name !== undefined) terms.push(`name = '${escapeQuery(filter.name)}'`);
    if (filter.folders) terms.push(`mimeType = '${FOLDER_MIME}'`);
    const files: DriveFile[] = [];
    let pageToken: string | undefined;
    do {
      const query: Record<string, string> = {
        q: terms.join(' and '),
        fields: `nextPageToken,files(${FILE_FIELDS})`,
        pageSize: String(this.options.pageSize ?? 1000),
      };
      if (parentId === 'appDataFolder') query.spaces = 'appDataFolder';
      if (pageToken) query.pageToken = pageToken;
      const page = await this.send({ method: 'GET', path: '/drive/v3/files', query }, [], (a) =>
        parseJson<{ files?: DriveFile[]; nextPageToken?: string }>(a.text),
      );
      files.push(...(page.files ?? []));
      pageToken = page.nextPageToken;
    } while (pageToken);
    return files;
  }

  /** Creates a folder named `name` in `parentId`. */
  async createFolder(name: string, parentId: string): Promise<DriveFile> {
    return this.send(
      {
        method: 'POST',
        path: '/drive/v3/files',
        query: { fields: FILE_FIELDS },
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, mimeType: FOLDER_MIME, parents: [parentId] }),
      },
      [],
      (a) => parseJson<DriveFile>(a.text),
    );
  }

  /** Uploads a new file named `name` into `parentId` with `content` (one multipart request). */
  async createFile(
    name: string,
    parentId: string,
    content: string,
    mimeType = 'application/x-ndjson',
  ): Promise<DriveFile> {
    const size = new TextEncoder().encode(content).length;
    if (size > MAX_MULTIPART_BYTES) {
      throw new DriveError(
        `A ${(size / 1048576).toFixed(1)} MB file cannot be uploaded in one request (Drive's ` +
          'limit is 5 MB): write fewer or smaller documents and attachments in one call',
        413,
        'uploadTooLarge',
      );
    }
    const boundary = `satchel-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    const metadata = JSON.stringify({ name, parents: [parentId], mimeType });
    const body =
      `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${metadata}\r\n` +
      `--${boundary}\r\nContent-Type: ${mimeType}; charset=UTF-8\r\n\r\n${content}\r\n` +
      `--${boundary}--\r\n`;
    return this.send(
      {
        method: 'POST',
        path: '/upload/drive/v3/files',
        query: { uploadType: 'multipart', fields: FILE_FIELDS },
        headers: { 'Content-Type': `multipart/related; boundary=${boundary}` },
        body,
      },
      [],
      (a) => parseJson<DriveFile>(a.text),
    );
  }

  /**
   * The content of file `id`, passed through `decode`. A `decode` that throws `MalformedAnswer`
   * (e.g. a body cut short) makes the download be repeated.
   */
  async download<T>(id: string, decode: (text: string) => T): Promise<T> {
    return this.send(
      { method: 'GET', path: `/drive/v3/files/${encodeURIComponent(id)}`, query: { alt: 'media' } },
      [],
      (a) => decode(a.text),
    );
  }

  /**
   * The current ETag of file `id`, from the v2 API (v3 no longer returns one). Read it before
   * the content it guards: a newer content with an older ETag only makes the next conditional
   * write fail, never succeed wrongly.
   */
  async etag(id: string): Promise<string> {
    return this.send(
      {
        method: 'GET',
        path: `/drive/v2/files/${encodeURIComponent(id)}`,
        query: { fields: 'etag' },
      },
      [],
      etagOf,
    );
  }

  /**
   * Replaces the content of file `id` only if its ETag is still `ifMatch`: the compare-and-swap.
   * @returns the new ETag, or `undefined` when Drive answered 412 (the file changed meanwhile).
   *   A retried request whose first attempt did land also answers 412; callers check the
   *   content to tell the two apart.
   */
  async replaceIfMatch(id: string, content: string, ifMatch: string): Promise<string | undefined> {
    return this.send(
      {
        method: 'PUT',
        path: `/upload/drive/v2/files/${encodeURIComponent(id)}`,
        query: { uploadType: 'media' },
        headers: { 'Content-Type': 'application/json', 'If-Match': ifMatch },
        body: content,
      },
      [412],
      (a) => (a.status === 412 ? undefined : etagOf(a)),
    );
  }

  /** Deletes file `id` for good (not to the trash); an already missing file is fine. */
  async remove(id: string): Promise<void> {
    await this.send({ method: 'DELETE', path: `/drive/v3/files/${encodeURIComponent(id)}` }, [404]);
  }

  /**
   * Sends one request: transient failures are retried with backoff, a 401 refreshes the token
   * once. Statuses in `accepted` are returned to the caller; other failures throw `DriveError`.
   */
  private async send<T = DriveAnswer>(
    request: DriveRequest,
    accepted: readonly number[] = [],
    read: (answer: DriveAnswer) => T = (answer) => answer as T,
  ): Promise<T> {
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      let answer: DriveAnswer;
      try {
        answer = await this.once(request);
      } catch (err) {
        // No answer at all: a dropped connection or a timeout. Retried like a 503.
        if (attempt >= this.backoff.maxAttempts) {
          throw new DriveError(`Drive request failed: ${describe(request)}: ${String(err)}`, 0);
        }
        await sleep(backoffDelay(attempt, this.backoff));
        continue;
      }
      if (answer.status < 300 || accepted.includes(answer.status)) {
        try {
          return read(answer);
        } catch (err) {
          // A cut-short or garbled body: the request may be repeated like any transient failure.
          if (!(err instanceof MalformedAnswer) || attempt >= this.backoff.maxAttempts) throw err;
          await sleep(backoffDelay(attempt, this.backoff));
          continue;
        }
      }
      if (answer.status === 401 && !refreshed) {
        refreshed = true;
        this.token = undefined;
        continue;
      }
      const reason = driveReason(tryParse(answer.text));
      if (isTransientStatus(answer.status, reason) && attempt < this.backoff.maxAttempts) {
        await sleep(backoffDelay(attempt, this.backoff));
        continue;
      }
      throw failure(request, answer, reason);
    }
  }

  private async once(request: DriveRequest): Promise<DriveAnswer> {
    const url = new URL(this.baseUrl + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      url.searchParams.set(key, value);
    }
    const token = await this.accessToken();
    const init: RequestInit = {
      method: request.method,
      headers: { ...request.headers, Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(this.timeoutMs),
    };
    if (request.body !== undefined) init.body = request.body;
    const response = await this.fetchFn(url, init);
    const text = await response.text();
    return { status: response.status, text, etag: response.headers.get('etag') };
  }

  private accessToken(): Promise<string> {
    if (!this.token) {
      const pending = Promise.resolve().then(() => this.options.getAccessToken());
      this.token = pending;
      // A failed lookup is not cached: the next request asks again.
      pending.catch(() => {
        if (this.token === pending) this.token = undefined;
      });
    }
    return this.token;
  }
}

/** The ETag of a v2 file answer: its `etag` field, else the `ETag` header. */
function etagOf(answer: DriveAnswer): string {
  const etag = parseJson<{ etag?: unknown }>(answer.text).etag ?? answer.etag;
  if (typeof etag !== 'string') throw new MalformedAnswer('no ETag');
  return etag;
}

/** Escapes a value for a single-quoted string in a Drive query. */
function escapeQuery(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

function describe(request: DriveRequest): string {
  return `${request.method} ${request.path}`;
}

function failure(
  request: DriveRequest,
  answer: DriveAnswer,
  reason: string | undefined,
): DriveError {
  if (answer.status === 401) {
    return new DriveError(
      `Google Drive refused the access token twice (401) on ${describe(request)}: ` +
        'getAccessToken() must return a valid, unexpired OAuth token with a Drive scope',
      401,
      reason,
    );
  }
  const message = (tryParse(answer.text) as { error?: { message?: unknown } } | undefined)?.error
    ?.message;
  const detail = typeof message === 'string' ? `: ${message}` : '';
  return new DriveError(
    `Drive answered ${answer.status} to ${describe(request)}${detail}`,
    answer.status,
    reason,
  );
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Thrown by a reader when a successful answer's body is unusable (cut short by a dropped
 * connection, not JSON): the request is retried.
 */
export class MalformedAnswer extends DriveError {
  constructor(detail: string) {
    super(`Drive answered with an unusable body: ${detail}`, 200);
  }
}

function parseJson<T>(text: string): T {
  const value = tryParse(text);
  if (typeof value !== 'object' || value === null) throw new MalformedAnswer(text.slice(0, 80));
  return value as T;
}
