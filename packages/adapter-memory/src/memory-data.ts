import type { AttachmentRecord, EngineMeta, LocalRecord } from '@satchel/core/engine';
import { DocIndex } from './doc-index.js';
import { SeqIndex } from './seq-index.js';
import type { StoredText } from './stored-text.js';

/**
 * Everything one in-memory database holds. It outlives the engines opened on it, so closing a
 * database and opening it again by name finds the same data, as with PouchDB's memory adapter.
 */
export class MemoryData {
  /** Document records by id, ordered for range scans. */
  readonly docs = new DocIndex();
  /**
   * Revision bodies as JSON text, per document id then per rev (a large one as its UTF-8
   * bytes, see `stored-text`). Text, as PouchDB's memory store keeps them: a stored body is one
   * string for the garbage collector to mark instead of an object per member, and each read
   * parses a copy that is the reader's own.
   */
  readonly revs = new Map<string, Map<string, StoredText>>();
  /** The by-sequence index. */
  readonly seqs = new SeqIndex();
  /** `_local/` documents by id. */
  readonly locals = new Map<string, LocalRecord>();
  /**
   * Attachment bytes by digest. Typed, not inferred: TypeScript 5.7+ would write the inferred
   * `Uint8Array<ArrayBufferLike>` into the declaration files, which older compilers refuse.
   */
  readonly attachments: Map<string, Uint8Array> = new Map();
  /** Attachment records (references) by digest. */
  readonly attachmentRecords = new Map<string, AttachmentRecord>();
  /** Database meta; `undefined` until the first open. */
  meta: EngineMeta | undefined;
  /**
   * The store's version: bumped by every commit (and never reset, not even by `clear`), so an
   * engine holding an older one knows another engine wrote in between.
   */
  version = 0;
  /** What each engine open on this data asked `watch` to call when another engine commits. */
  readonly watchers = new Set<{ engine: object; onExternalChange: () => void }>();

  /** Drops all data, so the memory is freed even while something still holds this object. */
  clear(): void {
    this.docs.clear();
    this.revs.clear();
    this.seqs.clear();
    this.locals.clear();
    this.attachments.clear();
    this.attachmentRecords.clear();
    this.meta = undefined;
  }
}
