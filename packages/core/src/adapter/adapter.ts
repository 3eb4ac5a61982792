import type { AnyDoc, WriteResponse } from '../types/documents.js';
import type {
  AdapterChangesOptions,
  AllDocsOptions,
  AllDocsResponse,
  BulkDocsResultRow,
  BulkGetRequest,
  BulkGetResponse,
  ChangesResponse,
  GetOptions,
  InfoResponse,
  OpenRevsResult,
  RevsDiffRequest,
  RevsDiffResponse,
} from '../types/options.js';

/** Options every adapter factory receives: the database name and the constructor options. */
export interface AdapterOptions {
  /** Full name of the database (with `prefix` applied). */
  name: string;
  /** The options the database was opened with (adapter-specific keys included). */
  [option: string]: unknown;
}

/** Options of the Adapter's `bulkDocs`, already normalised by Satchel. */
export interface AdapterBulkDocsOptions {
  new_edits: boolean;
  /** Set by `remove`: a delete of a missing document is a 404 rather than a new tombstone. */
  was_delete?: boolean;
}

/** Options of the Adapter's `compact`. */
export interface AdapterCompactOptions {
  interval?: number;
}

/** The answer of `purge`. */
export interface PurgeResponse {
  ok: true;
  deletedRevs: string[];
  documentWasRemovedCompletely: boolean;
  /**
   * Set by an adapter that recorded the purge in `_local/purges` itself, in the same commit
   * (asked with {@link AdapterPurgeOptions}); Satchel records it otherwise. Not shown to users.
   */
  logged?: boolean;
}

/** Options of the Adapter's `purge`. */
export interface AdapterPurgeOptions {
  /**
   * Record the purge in `_local/purges` (PouchDB's log, which views read), keeping this many
   * entries, in the purge's own commit where the adapter can: a crash between the two would
   * otherwise leave views serving the purged revision.
   */
  logLimit?: number;
}

/** Options to read an attachment. */
export interface AdapterGetAttachmentOptions {
  rev?: string;
  /**
   * The attachment's `digest`, as the caller just read it from the document's stub. An adapter
   * that stores attachments by digest may read the bytes by it alone, skipping the document;
   * others ignore it.
   */
  digest?: string;
}

/** Options of the Adapter's optional `putAttachment`. */
export interface AdapterPutAttachmentOptions {
  /** The document's current revision; absent (or empty) creates the document. */
  rev?: string;
  /** The attachment's MIME type, as the caller gave it. */
  type?: string;
}

/** The facts of an engine's manifest that show at the API level (see `EngineSupports`). */
export interface AdapterSupports {
  /** `purge()` works; when `false` it rejects with PouchDB's "not implemented" error. */
  readonly purge?: boolean;
  /** Data survives `close()` and opening the name again. */
  readonly persistent?: boolean;
}

/**
 * The contract between Satchel (public API, validation, callbacks, events) and a storage
 * backend. LocalAdapter implements it over any Engine; adapter-http implements it directly
 * because the server does the semantics. Inputs arrive validated and normalised; outputs are
 * PouchDB's result shapes, owned by the caller.
 */
export interface Adapter {
  /** The adapter's registered name, as `db.adapter` reports it. */
  readonly type: string;
  /**
   * Optional: what the storage behind the adapter can do, for tools and test suites. LocalAdapter
   * reports its engine's `supports` manifest; an adapter without one (a remote server) omits it,
   * meaning everything PouchDB's API offers.
   */
  readonly supports?: AdapterSupports;
  /** Resolves once the backend is open and usable. */
  ready(): Promise<void>;
  info(): Promise<InfoResponse>;
  /** A stable unique id of the database (PouchDB's `db.id()`); optional. */
  id?(): Promise<string>;
  /** Reads one document (or several revisions with `open_revs`). Local ids are handled too. */
  get(id: string, opts: GetOptions): Promise<AnyDoc | OpenRevsResult[]>;
  /**
   * Writes documents; per-document failures are error rows, not a rejection. The adapter takes
   * ownership of `docs` (Satchel passes copies) and may keep or change them; but see
   * {@link Adapter.readsWritesAtCall}.
   */
  bulkDocs(docs: AnyDoc[], opts: AdapterBulkDocsOptions): Promise<BulkDocsResultRow[]>;
  /**
   * True when `bulkDocs` with `new_edits: true` takes all it keeps of a document without
   * `_attachments` (its JSON text) before it returns, and changes at most the document's own
   * members. Satchel then passes such documents as copies of their top level only: nested
   * objects stay the caller's, read once, never written to. Deep-copying every nested object
   * of a write costs as much as serialising it.
   */
  readonly readsWritesAtCall?: boolean;
  allDocs(opts: AllDocsOptions): Promise<AllDocsResponse>;
  /** One page of the changes feed since `opts.since`; live feeds are built on `onChange`. */
  changes(opts: AdapterChangesOptions): Promise<ChangesResponse>;
  /** Calls `listener` after every committed write; returns the unsubscribe function. */
  onChange?(listener: () => void): () => void;
  /**
   * Optional: calls `listener` when another writer (another tab, another process) destroyed
   * the database under this handle; a later call works on a new, empty one. Satchel emits
   * `destroyed` on its handles, which ends their live changes feeds, as PouchDB does for the
   * other handles of a database destroyed in the same page. Returns the unsubscribe function.
   */
  onDestroyed?(listener: () => void): () => void;
  /**
   * True when `changes` runs string filters (`filter`, `view`, `selector`, `query_params`) on
   * the server and can wait for changes (`feed: 'longpoll'`), as a remote CouchDB does. Live
   * feeds then long-poll instead of listening with `onChange`.
   */
  readonly serverChanges?: boolean;
  revsDiff(req: RevsDiffRequest): Promise<RevsDiffResponse>;
  /** Optional: Satchel falls back to `get` with `open_revs` when absent. */
  bulkGet?(req: BulkGetRequest): Promise<BulkGetResponse>;
  getAttachment(
    docId: string,
    name: string,
    opts: AdapterGetAttachmentOptions,
  ): Promise<Uint8Array>;
  /**
   * Optional: stores one attachment in a new revision in a single step, as a remote server's
   * `PUT /db/doc/att?rev=` does (the document is created when `rev` is absent). Satchel has
   * already checked the arguments and decoded base64 input to `data`; it resolves with the
   * server's `{ok, id, rev}`. When absent, Satchel reads the document and writes it through
   * `bulkDocs`, which local adapters rely on so that wrappers of `bulkDocs` see the write.
   */
  putAttachment?(
    docId: string,
    name: string,
    data: Uint8Array,
    opts: AdapterPutAttachmentOptions,
  ): Promise<WriteResponse>;
  /**
   * Optional: removes one attachment in a new revision in a single step (a remote server's
   * `DELETE /db/doc/att?rev=`). When absent, Satchel reads the document and writes it through
   * `bulkDocs`.
   */
  removeAttachment?(docId: string, name: string, rev: string): Promise<WriteResponse>;
  compact(opts: AdapterCompactOptions): Promise<void>;
  purge(docId: string, rev: string, opts?: AdapterPurgeOptions): Promise<PurgeResponse>;
  /** Releases this handle. Adapters shared by several handles close on the last one. */
  close(): Promise<void>;
  /** Removes the database. */
  destroy(): Promise<void>;
  /**
   * Remote adapters only: a raw request relative to the database URL (`'_find'`,
   * `'_design/d/_view/v?key=1'`), sent with the adapter's auth and headers and resolved with
   * the server's response whatever its status. Satchel exposes it as PouchDB's `db.fetch`,
   * and plugins (views, Mango) use it to hand queries to the server.
   */
  fetch?(path: string, init?: RequestInit): Promise<Response>;
}

/** Creates an adapter for a database; registered with `Satchel.adapter(name, factory)`. */
export interface AdapterFactory {
  (opts: AdapterOptions): Adapter;
  /** Whether this adapter can run in the current environment (PouchDB's `valid()`). */
  valid?(): boolean;
  /** Whether names must be prefixed with `prefix` (PouchDB's `use_prefix`). Default true. */
  use_prefix?: boolean;
}
