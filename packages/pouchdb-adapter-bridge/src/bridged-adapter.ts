import type {
  Adapter,
  AdapterBulkDocsOptions,
  AdapterChangesOptions,
  AdapterGetAttachmentOptions,
  AllDocsOptions,
  AllDocsResponse,
  AnyDoc,
  BulkDocsResultRow,
  ChangesResponse,
  GetOptions,
  InfoResponse,
  OpenRevsResult,
  PurgeResponse,
  RevsDiffRequest,
  RevsDiffResponse,
} from '@satchel/core';
import { createError, decodeBase64Strict, Errors, isLocalId, toBytes } from '@satchel/core';
import { bulkDocs } from './bulk-docs.js';
import { readChanges } from './changes.js';
import { getDocument } from './get.js';
import type { HandleGroup } from './handle-groups.js';
import { compact, purge, revsDiff } from './maintenance.js';
import { viaCallback } from './node-callback.js';
import { ownCopy } from './own-copy.js';
import type { PouchGetResult, PouchHost, PouchInternals } from './pouch-adapter.js';

/**
 * Satchel's Adapter contract over a PouchDB-style adapter: every call becomes the underscore
 * method PouchDB's own layer would call, on the database the adapter was run on, with PouchDB's
 * option shapes and callbacks. Satchel's layer above does validation, events and plugins.
 */
export class BridgedAdapter implements Adapter {
  private readonly opened: Promise<void>;
  /** Compactions run one at a time, as PouchDB queues them. */
  private compaction: Promise<void> = Promise.resolve();

  constructor(
    readonly type: string,
    private readonly host: PouchHost,
    private readonly group: HandleGroup,
    opened: Promise<void>,
  ) {
    this.opened = opened;
    // A failed open is reported through ready(); nobody else waits on it.
    opened.catch(() => undefined);
    group.join(this);
  }

  private get api(): PouchHost & PouchInternals {
    return this.host as PouchHost & PouchInternals;
  }

  ready(): Promise<void> {
    return this.opened;
  }

  info(): Promise<InfoResponse> {
    return viaCallback((cb) => this.api._info(cb)) as Promise<InfoResponse>;
  }

  async id(): Promise<string> {
    if (typeof this.api._id !== 'function') return String(this.host.name);
    return viaCallback<string>((cb) => this.api._id?.(cb));
  }

  get(id: string, opts: GetOptions): Promise<AnyDoc | OpenRevsResult[]> {
    if (isLocalId(id) && typeof this.api._getLocal === 'function') {
      return viaCallback<AnyDoc>((cb) => this.api._getLocal?.(id, cb));
    }
    return getDocument(this.api, id, opts);
  }

  async bulkDocs(docs: AnyDoc[], opts: AdapterBulkDocsOptions): Promise<BulkDocsResultRow[]> {
    const rows = await bulkDocs(this.api, docs, opts);
    this.group.notify();
    return rows;
  }

  allDocs(opts: AllDocsOptions): Promise<AllDocsResponse> {
    return viaCallback((cb) =>
      this.api._allDocs({ ...opts } as Record<string, unknown>, cb),
    ) as Promise<AllDocsResponse>;
  }

  changes(opts: AdapterChangesOptions): Promise<ChangesResponse> {
    return readChanges(this.api, opts);
  }

  onChange(listener: () => void): () => void {
    return this.group.listen(listener);
  }

  revsDiff(req: RevsDiffRequest): Promise<RevsDiffResponse> {
    return revsDiff(this.api, req);
  }

  async getAttachment(
    docId: string,
    name: string,
    opts: AdapterGetAttachmentOptions,
  ): Promise<Uint8Array> {
    const { doc, metadata, ctx } = await viaCallback<PouchGetResult>((cb) =>
      this.api._get(docId, opts.rev ? { rev: opts.rev } : {}, cb),
    );
    const att = (doc._attachments as Record<string, Record<string, unknown>> | undefined)?.[name];
    if (!att) throw createError(Errors.MISSING_DOC);
    const data = await viaCallback<unknown>((cb) =>
      this.api._getAttachment(docId, name, att, { binary: true, metadata, ctx }, cb),
    );
    return attachmentBytes(data);
  }

  compact(): Promise<void> {
    const run = this.compaction.then(() => compact(this.api));
    this.compaction = run.catch(() => undefined);
    return run;
  }

  async purge(docId: string, rev: string): Promise<PurgeResponse> {
    const res = await purge(this.api, this.type, docId, rev);
    this.group.notify();
    return res;
  }

  close(): Promise<void> {
    return this.group.leave(this, () => viaCallback<void>((cb) => this.api._close(cb)));
  }

  async destroy(): Promise<void> {
    await viaCallback((cb) => this.api._destroy({}, cb));
    this.group.destroyed(this);
  }
}

/** Attachment data as bytes: adapters answer a Buffer (Node), a Blob or base64. */
async function attachmentBytes(data: unknown): Promise<Uint8Array> {
  if (typeof data === 'string') return decodeBase64Strict(data);
  if (data instanceof Uint8Array) return ownCopy(data);
  return (await toBytes(data)) ?? new Uint8Array(0);
}
