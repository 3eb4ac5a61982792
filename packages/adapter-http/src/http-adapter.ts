import type {
  Adapter,
  AdapterBulkDocsOptions,
  AdapterChangesOptions,
  AdapterCompactOptions,
  AdapterGetAttachmentOptions,
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
} from '@satchel/core';
import { allDocs } from './all-docs.js';
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
  private readonly client: HttpClient;
  private readonly opened: Promise<void>;

  /** @param opts - the adapter options; `name` is the database URL. */
  constructor(opts: HttpAdapterOptions) {
    this.client = clientFor(opts);
    this.opened = opts.skip_setup ? Promise.resolve() : setupDatabase(this.client);
    // Reported by ready(); never an unhandled rejection meanwhile.
    this.opened.catch(() => {});
  }

  ready(): Promise<void> {
    return this.opened;
  }

  async info(): Promise<InfoResponse> {
    const info = await this.client.json<InfoResponse>({ path: '' });
    return { ...info, host: `${this.client.url}/` };
  }

  /** PouchDB's http `id()`: the server's uuid plus the database name, else the URL. */
  id(): Promise<string> {
    const baseUrl = this.client.url.slice(0, this.client.url.lastIndexOf('/') + 1);
    return databaseId(this.client, () => this.client.json({ path: '', baseUrl }));
  }

  get(id: string, opts: GetOptions): Promise<AnyDoc | OpenRevsResult[]> {
    return getDoc(this.client, id, opts);
  }

  bulkDocs(docs: AnyDoc[], opts: AdapterBulkDocsOptions): Promise<BulkDocsResultRow[]> {
    return bulkDocs(this.client, docs, opts);
  }

  allDocs(opts: AllDocsOptions): Promise<AllDocsResponse> {
    return allDocs(this.client, opts);
  }

  changes(opts: AdapterChangesOptions): Promise<ChangesResponse> {
    return readChanges(this.client, opts);
  }

  revsDiff(req: RevsDiffRequest): Promise<RevsDiffResponse> {
    return this.client.json<RevsDiffResponse>({ method: 'POST', path: '/_revs_diff', body: req });
  }

  bulkGet(req: BulkGetRequest): Promise<BulkGetResponse> {
    return bulkGet(this.client, req);
  }

  getAttachment(
    docId: string,
    name: string,
    opts: AdapterGetAttachmentOptions,
  ): Promise<Uint8Array> {
    const path = `/${attachmentPath(docId, name)}${queryString({ rev: opts.rev })}`;
    return this.client.bytes({ path, headers: { Accept: '*/*' } });
  }

  compact(opts: AdapterCompactOptions): Promise<void> {
    return compact(this.client, opts);
  }

  purge(docId: string, rev: string): Promise<PurgeResponse> {
    return purge(this.client, docId, rev);
  }

  /** PouchDB's http `db.fetch`: a raw request relative to the database URL. */
  fetch(path: string, init?: RequestInit): Promise<Response> {
    return this.client.raw(path, init);
  }

  async close(): Promise<void> {}

  async destroy(): Promise<void> {
    try {
      await this.client.json({ method: 'DELETE', path: '' });
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
    }
  }
}
