import type {
  Adapter,
  AdapterBulkDocsOptions,
  AdapterChangesOptions,
  AdapterCompactOptions,
  AdapterGetAttachmentOptions,
  AdapterPutAttachmentOptions,
  AllDocsOptions,
  AllDocsResponse,
  AnyDoc,
  BulkDocsResultRow,
  BulkGetRequest,
  BulkGetResponse,
  ChangesResponse,
  GetOptions,
  InfoResponse,
  OpenRevsResult,
  PurgeResponse,
  RevsDiffRequest,
  RevsDiffResponse,
  WriteResponse,
} from '@satchel/core';
import { createError, Errors, isSatchelError } from '@satchel/core';
import { allDocs } from './all-docs.js';
import { checkAnswer, revsDiffProblem } from './answer-shapes.js';
import { putAttachment, removeAttachment } from './attachment-writes.js';
import { bulkDocs } from './bulk-docs.js';
import { bulkGet } from './bulk-get.js';
import { readChanges } from './changes.js';
import { compact } from './compact.js';
import { databaseId } from './database-id.js';
import { attachmentPath } from './doc-path.js';
import { getDoc } from './get.js';
import type { HttpClient } from './http-client.js';
import { clientFor, type HttpAdapterOptions } from './http-options.js';
import { purge } from './purge.js';
import { queryString } from './query-string.js';
import { setupDatabase } from './setup.js';

/**
 * The Adapter contract implemented on CouchDB's REST API: every call is one (or a few)
 * HTTP requests, and the server does the document semantics.
 */
export class HttpAdapter implements Adapter {
  readonly type = 'http';
  /** The server filters and long-polls: live feeds use `feed: 'longpoll'`. */
  readonly serverChanges = true;
  private readonly client: HttpClient;
  private readonly skipSetup: boolean;
  private setupPromise: Promise<void> | undefined;
  /** Why the URL or options cannot be used: reported by `ready()`, never thrown by the constructor. */
  private readonly unusable: Error | undefined;

  /** @param opts - the adapter options; `name` is the database URL. */
  constructor(opts: HttpAdapterOptions) {
    this.skipSetup = Boolean(opts.skip_setup);
    // PouchDB opens any string and fails on the first request: a bad URL must reach the
    // caller as a rejection or an `error` event, not as a synchronous throw.
    let client: HttpClient | undefined;
    try {
      client = clientFor(opts);
    } catch (err) {
      this.unusable = isSatchelError(err) ? err : createError(Errors.INVALID_URL);
    }
    // A stand-in that `setup()` never lets any request reach.
    this.client = client ?? clientFor({ name: 'http://invalid.invalid/' });
  }

  /**
   * Open at once, as PouchDB's http adapter: the database is checked (and created) before the
   * first request instead, and that check is retried after a failure, so a handle opened
   * before logging in works once the session exists.
   */
  async ready(): Promise<void> {
    if (this.unusable) throw this.unusable;
  }

  /** The create-on-open check, done once; forgotten when it fails so the next call retries. */
  private setup(): Promise<void> {
    if (this.unusable) return Promise.reject(this.unusable);
    if (this.skipSetup) return Promise.resolve();
    if (!this.setupPromise) {
      const attempt = setupDatabase(this.client);
      this.setupPromise = attempt;
      attempt.catch(() => {
        if (this.setupPromise === attempt) this.setupPromise = undefined;
      });
    }
    return this.setupPromise;
  }

  async info(): Promise<InfoResponse> {
    await this.setup();
    const info = await this.client.json<InfoResponse>({ path: '' });
    return { ...info, host: `${this.client.url}/` };
  }

  /** PouchDB's http `id()`: the server's uuid plus the database name, else the URL. */
  async id(): Promise<string> {
    await this.setup();
    const baseUrl = this.client.serverUrl;
    return databaseId(this.client, () => this.client.json({ path: '', baseUrl }));
  }

  async get(id: string, opts: GetOptions): Promise<AnyDoc | OpenRevsResult[]> {
    await this.setup();
    return getDoc(this.client, id, opts);
  }

  async bulkDocs(docs: AnyDoc[], opts: AdapterBulkDocsOptions): Promise<BulkDocsResultRow[]> {
    await this.setup();
    return bulkDocs(this.client, docs, opts);
  }

  async allDocs(opts: AllDocsOptions): Promise<AllDocsResponse> {
    await this.setup();
    return allDocs(this.client, opts);
  }

  async changes(opts: AdapterChangesOptions): Promise<ChangesResponse> {
    await this.setup();
    return readChanges(this.client, opts);
  }

  async revsDiff(req: RevsDiffRequest): Promise<RevsDiffResponse> {
    await this.setup();
    const request = { method: 'POST', path: '/_revs_diff', body: req } as const;
    const diff = await this.client.json<RevsDiffResponse>(request);
    checkAnswer(this.client, request, revsDiffProblem(diff));
    return diff;
  }

  async bulkGet(req: BulkGetRequest): Promise<BulkGetResponse> {
    await this.setup();
    return bulkGet(this.client, req);
  }

  async getAttachment(
    docId: string,
    name: string,
    opts: AdapterGetAttachmentOptions,
  ): Promise<Uint8Array> {
    await this.setup();
    const path = `/${attachmentPath(docId, name)}${queryString({ rev: opts.rev })}`;
    return this.client.bytes({ path, headers: { Accept: '*/*' } });
  }

  /** One raw `PUT /db/<doc>/<att>?rev=`: the bytes as the body, never base64 in JSON. */
  async putAttachment(
    docId: string,
    name: string,
    data: Uint8Array,
    opts: AdapterPutAttachmentOptions,
  ): Promise<WriteResponse> {
    await this.setup();
    return putAttachment(this.client, docId, name, data, opts);
  }

  /** One `DELETE /db/<doc>/<att>?rev=`. */
  async removeAttachment(docId: string, name: string, rev: string): Promise<WriteResponse> {
    await this.setup();
    return removeAttachment(this.client, docId, name, rev);
  }

  async compact(opts: AdapterCompactOptions): Promise<void> {
    await this.setup();
    return compact(this.client, opts);
  }

  async purge(docId: string, rev: string): Promise<PurgeResponse> {
    await this.setup();
    return purge(this.client, docId, rev);
  }

  /**
   * PouchDB's http `db.fetch`: a raw request with the database's auth, headers and cookies,
   * resolved whatever its status. `'/x'` is relative to the server, `'x'` to the database.
   */
  async fetch(path: string, init?: RequestInit): Promise<Response> {
    await this.setup();
    return this.client.raw(path, init);
  }

  async close(): Promise<void> {}

  async destroy(): Promise<void> {
    if (this.unusable) throw this.unusable;
    try {
      await this.client.json({ method: 'DELETE', path: '' });
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
    }
  }
}
