import type { RevTree } from '../rev-tree/types.js';
import type { EngineSupports } from './engine-supports.js';

/**
 * What an Engine keeps for each document: the revision tree and facts derived from it that
 * LocalAdapter maintains (an engine never computes them).
 */
export interface DocRecord {
  /** Document id. */
  id: string;
  /** The full (possibly stemmed) revision tree, in PouchDB's shape. */
  rev_tree: RevTree;
  /** The winning revision, `N-hash`. */
  winningRev: string;
  /** Whether the winning revision is a deletion. */
  deleted: boolean;
  /** Sequence number of the last write to this document. */
  seq: number;
  /** Set once any revision of the document had attachments (lets compaction skip lookups). */
  attachments?: true;
}

/**
 * An attachment as stored once per digest: the revisions (`id@rev`) that reference it. Its
 * bytes are removed with it when the last reference goes.
 */
export interface AttachmentRecord {
  digest: string;
  refs: string[];
}

/**
 * The stored body of one revision: the document's own fields (no `_id`/`_rev`), plus
 * `_deleted` and `_attachments` (as stubs carrying `digest`) when present.
 */
export type RevBody = Record<string, unknown>;

/** Addresses one revision body. */
export interface RevRef {
  id: string;
  rev: string;
}

/** One entry of the by-sequence index: the document last written at `seq`. */
export interface SeqEntry {
  seq: number;
  id: string;
}

/** A local (`_local/`) document as stored: its body and `0-N` revision. */
export interface LocalRecord {
  id: string;
  rev: string;
  body: Record<string, unknown>;
}

/** Database-wide facts an engine persists for LocalAdapter. */
export interface EngineMeta {
  /** Highest sequence number handed out. */
  updateSeq: number;
  /** Number of documents whose winning revision is not deleted. */
  docCount: number;
  /** A random id fixed when the database is created. */
  uuid: string;
}

/** A range over document ids, in code-point order of the ids. */
export interface IdRange {
  gt?: string;
  gte?: string;
  lt?: string;
  lte?: string;
  reverse?: boolean;
  /** Upper bound on the records returned; absent means no bound. */
  limit?: number;
}

/** A range over sequence numbers. */
export interface SeqRange {
  /** Only entries with `seq > since` (ascending) or `seq < before` (descending) are returned. */
  since?: number;
  before?: number;
  reverse?: boolean;
  limit?: number;
}

/**
 * Everything one logical write changes. An engine applies it atomically: after a crash either
 * all of it is visible or none of it.
 *
 * **Valid batches** (engines may rely on these; LocalAdapter keeps them; see
 * docs/engine-contract.md): a key is put at most once in a batch and never both put and
 * deleted; and `putRevs` names only revisions whose body is not stored at commit
 * time (a stored body is never replaced, only deleted), so an engine may keep a body away from
 * its own key, e.g. inline in the document record, and move it.
 */
export interface EngineBatch {
  putDocs?: DocRecord[];
  /**
   * Ids of documents in `putDocs` that have no record in the store at the version the batch
   * is committed against (the writer read them as absent, or generated them): an engine that
   * looks up what it stored before writing a record may skip the lookup for these. Ignoring
   * the list is always correct.
   */
  newDocs?: string[];
  deleteDocs?: string[];
  /**
   * Revision bodies to write, each not stored yet (bodies are immutable). `json`, when
   * present, is `stringify(body)` (core's stack-safe JSON), already made by the writer: an
   * engine that stores JSON text may store it as is.
   */
  putRevs?: (RevRef & { body: RevBody; json?: string })[];
  deleteRevs?: RevRef[];
  putSeqs?: SeqEntry[];
  deleteSeqs?: number[];
  putLocals?: LocalRecord[];
  deleteLocals?: string[];
  /** Attachment records to write; `data` is given only when the bytes are new. */
  putAttachments?: (AttachmentRecord & { data?: Uint8Array })[];
  /** Digests whose record and bytes go. */
  deleteAttachments?: string[];
  meta?: EngineMeta;
}

/**
 * An opaque token naming one state of the store: a counter (IndexedDB), an ETag (Google Drive),
 * a random id per commit... LocalAdapter never looks inside it; it keeps the token the engine
 * last gave it and hands it back to `commit`, which refuses when the store moved on since.
 */
export type EngineVersion = string | number;

/** What `open()` and `reload()` return: the store's meta and the version it was read at. */
export interface EngineSnapshot {
  /** Database-wide facts as of `version`. */
  meta: EngineMeta;
  /** The store's version; pass it to the next `commit`. */
  version: EngineVersion;
}

/** What a `watch` listener may be told besides "another writer committed" (no argument). */
export type ExternalChange = 'destroyed';

/**
 * Unsubscribes a `watch` listener. After it returns the engine calls the listener no more.
 */
export type Unwatch = () => void;

/**
 * The storage contract. An engine stores and returns records; it knows nothing of revisions,
 * conflicts or CouchDB. All semantics live in LocalAdapter.
 *
 * **Concurrency.** An engine may share its store with other writers (other tabs, processes,
 * devices, or other engines over one in-memory store). The contract is optimistic: `open()` and
 * `reload()` return a {@link EngineVersion}; `commit(batch, version)` applies the batch only if
 * the store is still at `version`, and returns the new version; otherwise it throws an engine
 * conflict (see `engineConflict` / `isEngineConflict`) and changes nothing. LocalAdapter then
 * calls `reload()`, redoes the logical write on fresh state (so revision checks are redone) and
 * commits again, backing off with jitter, for a bounded time. Every successful commit gives a
 * new version, also one that touches only `_local/` documents. An engine that can learn about
 * other writers' commits offers `watch`; LocalAdapter then reloads and feeds live changes.
 *
 * **Ownership.** Records passed to `commit` become the engine's and are never changed
 * afterwards; records an engine returns may be shared with it, so callers treat them as
 * read-only and copy before changing anything (unless the engine sets `freshReads`). That lets
 * an in-memory engine answer without copying.
 *
 * **Order.** Document ids are ordered by Unicode code point (UTF-8 byte order), not UTF-16 code
 * unit order: `'\uFFFF' < '\u{10000}'`. That is the order PouchDB on LevelDB returns.
 *
 * LocalAdapter calls `open()` once, then any of the others; it serialises `commit`s (and
 * `reload`s) of one engine, and runs reads beside each other but never beside a commit.
 */
export interface Engine {
  /** What this engine can do; LocalAdapter and the suites read it. See {@link EngineSupports}. */
  readonly supports: EngineSupports;
  /**
   * True when every object returned is a fresh copy the caller may keep and change (an engine
   * that parses stored JSON on each read). LocalAdapter then skips its defensive copies.
   */
  readonly freshReads?: boolean;
  /**
   * True when every body `getRevs` returns is a fresh object the caller may keep and change,
   * even if the engine shares its records (an engine that keeps bodies as JSON text and parses
   * one on each read, while it hands out stored records). `freshReads` implies it.
   */
  readonly freshBodies?: boolean;
  /**
   * True when a `putRevs` entry that comes with `json` is stored from that text alone: the
   * engine never keeps its `body` object, nor anything reachable from it, once `commit` has
   * returned. LocalAdapter then lets such bodies share nested objects with the caller's
   * documents instead of copying them (see the Adapter's `readsWritesAtCall`). Without it,
   * every body handed to `commit` is the engine's to keep.
   */
  readonly storesBodyJson?: boolean;
  /** Opens (creating if needed) and returns the current meta and version. Called once first. */
  open(): Promise<EngineSnapshot>;
  /**
   * Drops cached state and re-reads the store: after a refused commit, and after `watch`
   * reported an outside write. Returns the meta and version as of now.
   */
  reload(): Promise<EngineSnapshot>;
  /** Document records by id, `undefined` where absent; same length and order as `ids`. */
  getDocs(ids: readonly string[]): Promise<(DocRecord | undefined)[]>;
  /** Revision bodies, `undefined` where absent (compacted or never stored). */
  getRevs(refs: readonly RevRef[]): Promise<(RevBody | undefined)[]>;
  /**
   * Document records whose ids fall in the range, in code-point id order (reversed if asked),
   * at most `limit`. An engine with `supports.sortedScans: false` is only ever asked for the
   * whole range (`{}`) and may return it in any order; LocalAdapter sorts and slices.
   */
  scanDocs(range: IdRange): Promise<DocRecord[]>;
  /**
   * By-sequence entries in the range, in seq order (reversed if asked), at most `limit`. With
   * `supports.sortedScans: false`, only ever asked for `{}`, in any order.
   */
  scanSeqs(range: SeqRange): Promise<SeqEntry[]>;
  /** A local document, or `undefined`. */
  getLocal(id: string): Promise<LocalRecord | undefined>;
  /** Attachment bytes by digest, or `undefined`. */
  getAttachment(digest: string): Promise<Uint8Array | undefined>;
  /** Attachment records by digest, `undefined` where absent; same order as `digests`. */
  getAttachmentRecords(digests: readonly string[]): Promise<(AttachmentRecord | undefined)[]>;
  /**
   * Applies the batch atomically (after a crash, all of it or none of it is visible), if the
   * store is still at `version`; returns the store's new version, which differs from every
   * version seen before. If another writer committed since `version`, throws an engine
   * conflict (`engineConflict()`) and applies nothing.
   */
  commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion>;
  /**
   * Optional: calls `onExternalChange` (possibly later, possibly more than once, never
   * synchronously inside `watch`) whenever another writer may have committed to the store.
   * Spurious calls are harmless: LocalAdapter reloads and compares versions. Engines with
   * `supports.externalWrites` should offer it, or their live feeds miss outside writes until
   * the next own commit. An engine that can tell that another writer destroyed the store (not
   * merely committed) passes `'destroyed'`: LocalAdapter then tells the database's handles, and
   * re-reads the store only when next used, so that it is not created again by merely being
   * watched. Returns the function that stops the calls.
   */
  watch?(onExternalChange: (event?: ExternalChange) => void): Unwatch;
  /** Releases resources; the engine is not used again unless reopened. */
  close(): Promise<void>;
  /** Removes all data of this database permanently. */
  destroy(): Promise<void>;
}
