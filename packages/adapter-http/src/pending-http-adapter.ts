import type {
  Adapter,
  AdapterBulkDocsOptions,
  AdapterChangesOptions,
  AdapterCompactOptions,
  AdapterGetAttachmentOptions,
  AdapterPutAttachmentOptions,
  AllDocsOptions,
  AnyDoc,
  BulkGetRequest,
  GetOptions,
  RevsDiffRequest,
} from '@satchel/core';
import { onFirstUse } from '@satchel/core';
import type { HttpAdapter } from './http-adapter.js';
import type { HttpAdapterOptions } from './http-options.js';

/**
 * The client and the adapter (requests, errors, cookies, the changes feed) are loaded when the
 * first remote database is opened, with `import()`, so that bundlers splitting chunks keep them
 * out of what every page loads: many pages only ever use local databases.
 */
const adapterCode = onFirstUse(() => import('./http-adapter.js'));

/**
 * The options as they are now: the adapter reads them once its code is there, and the caller's
 * objects may have changed by then (the real adapter copies its headers when it is created).
 */
function snapshot(opts: HttpAdapterOptions): HttpAdapterOptions {
  return opts.headers ? { ...opts, headers: { ...opts.headers } } : { ...opts };
}

/** A new http adapter: the adapter itself once its code is loaded, before that a stand-in. */
export function newHttpAdapter(opts: HttpAdapterOptions): Adapter {
  const code = adapterCode.loaded;
  return code ? new code.HttpAdapter(opts) : new PendingHttpAdapter(snapshot(opts));
}

/**
 * A database opened before the adapter's code was loaded: every call waits for the code, then
 * goes to the real adapter, in the order the calls were made; once it exists, calls go straight
 * to it. The contract's methods are all asynchronous, so this is only seen as the calls made
 * while the code loads taking a little longer.
 */
class PendingHttpAdapter implements Adapter {
  readonly type = 'http';
  readonly serverChanges = true;
  private readonly adapter: Promise<HttpAdapter>;
  /** The real adapter once created: calls then go straight to it, with no step in between. */
  private real: HttpAdapter | undefined;

  constructor(opts: HttpAdapterOptions) {
    this.adapter = adapterCode.load().then((code) => {
      this.real = new code.HttpAdapter(opts);
      return this.real;
    });
    // A failed load is reported by each call; never as an unhandled rejection.
    this.adapter.catch(() => undefined);
  }

  /** Calls the real adapter: at once when it exists, else once it does (in call order). */
  private use<T>(call: (adapter: HttpAdapter) => Promise<T>): Promise<T> {
    return this.real ? call(this.real) : this.adapter.then(call);
  }

  ready() {
    return this.use((a) => a.ready());
  }
  info() {
    return this.use((a) => a.info());
  }
  id() {
    return this.use((a) => a.id());
  }
  get(id: string, opts: GetOptions) {
    return this.use((a) => a.get(id, opts));
  }
  bulkDocs(docs: AnyDoc[], opts: AdapterBulkDocsOptions) {
    return this.use((a) => a.bulkDocs(docs, opts));
  }
  allDocs(opts: AllDocsOptions) {
    return this.use((a) => a.allDocs(opts));
  }
  changes(opts: AdapterChangesOptions) {
    return this.use((a) => a.changes(opts));
  }
  revsDiff(req: RevsDiffRequest) {
    return this.use((a) => a.revsDiff(req));
  }
  bulkGet(req: BulkGetRequest) {
    return this.use((a) => a.bulkGet(req));
  }
  getAttachment(docId: string, name: string, opts: AdapterGetAttachmentOptions) {
    return this.use((a) => a.getAttachment(docId, name, opts));
  }
  putAttachment(docId: string, name: string, data: Uint8Array, opts: AdapterPutAttachmentOptions) {
    return this.use((a) => a.putAttachment(docId, name, data, opts));
  }
  removeAttachment(docId: string, name: string, rev: string) {
    return this.use((a) => a.removeAttachment(docId, name, rev));
  }
  compact(opts: AdapterCompactOptions) {
    return this.use((a) => a.compact(opts));
  }
  purge(docId: string, rev: string) {
    return this.use((a) => a.purge(docId, rev));
  }
  fetch(path: string, init?: RequestInit) {
    return this.use((a) => a.fetch(path, init));
  }
  close() {
    return this.use((a) => a.close());
  }
  destroy() {
    return this.use((a) => a.destroy());
  }
}
