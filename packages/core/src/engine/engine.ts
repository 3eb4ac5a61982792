import type { RevTree } from '../rev-tree/index.js';

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
 */
export interface EngineBatch {
  putDocs?: DocRecord[];
  deleteDocs?: string[];
  /**
   * Revision bodies to write. `json`, when present, is `stringify(body)` (core's stack-safe
   * JSON), already made by the writer: an engine that stores JSON text may store it as is.
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
 * The error an engine throws from `commit` when another writer changed the store since the
 * engine last loaded it (an ETag mismatch, another tab or process). LocalAdapter then calls
 * `reload()` and redoes the logical operation on fresh state.
 */
export class EngineConflictError extends Error {
  override readonly name = 'EngineConflictError';
}

/**
 * The storage contract. An engine stores and returns records; it knows nothing of revisions,
 * conflicts or CouchDB. All semantics live in LocalAdapter.
 *
 * Ownership: records passed to `commit` become the engine's and are never changed afterwards;
 * records an engine returns may be shared with it, so callers treat them as read-only and
 * copy before changing anything. That lets an in-memory engine answer without copying.
 */
export interface Engine {
  /**
   * True when every object returned is a fresh copy the caller may keep and change (an engine
   * that parses stored JSON on each read). LocalAdapter then skips its defensive copies.
   */
  readonly freshReads?: boolean;
  /** Opens (creating if needed) and returns the current meta. Called once before anything else. */
  open(): Promise<EngineMeta>;
  /** Drops cached state and re-reads the store; used after an `EngineConflictError`. */
  reload(): Promise<EngineMeta>;
  /** Document records by id, `undefined` where absent; same length and order as `ids`. */
  getDocs(ids: readonly string[]): Promise<(DocRecord | undefined)[]>;
  /** Revision bodies, `undefined` where absent (compacted or never stored). */
  getRevs(refs: readonly RevRef[]): Promise<(RevBody | undefined)[]>;
  /** Document records whose ids fall in the range, in id order (reversed if asked). */
  scanDocs(range: IdRange): Promise<DocRecord[]>;
  /** By-sequence entries in the range, in seq order (reversed if asked). */
  scanSeqs(range: SeqRange): Promise<SeqEntry[]>;
  /** A local document, or `undefined`. */
  getLocal(id: string): Promise<LocalRecord | undefined>;
  /** Attachment bytes by digest, or `undefined`. */
  getAttachment(digest: string): Promise<Uint8Array | undefined>;
  /** Attachment records by digest, `undefined` where absent; same order as `digests`. */
  getAttachmentRecords(digests: readonly string[]): Promise<(AttachmentRecord | undefined)[]>;
  /** Applies the batch atomically; throws `EngineConflictError` if refused. */
  commit(batch: EngineBatch): Promise<void>;
  /** Releases resources; the engine is not used again unless reopened. */
  close(): Promise<void>;
  /** Removes all data of this database permanently. */
  destroy(): Promise<void>;
}
