import type {
  AttachmentRecord,
  DocRecord,
  EngineBatch,
  EngineMeta,
  LocalRecord,
  RevRef,
  SeqEntry,
} from '../engine/engine.js';
import { occasional } from '../occasional.js';
import type { AttachmentRefChanges } from './attachment-ref-changes.js';
import { digestsOf } from './attachment-refs.js';

/**
 * The changes one logical write accumulates before its single engine commit. It also keeps the
 * records already touched, so several edits of one document in one call build on each other.
 */
export class WritePlan {
  /**
   * A plan kept alive for good. A plan's shape (hidden class) lives only while some plan does:
   * between two writes none is, and a full garbage collection would drop that shape and with
   * it the optimized code of every function that handles plans, to be optimized again on the
   * next writes. This one keeps the shape, and that code, alive.
   */
  static readonly kept: WritePlan = new WritePlan({ updateSeq: 0, docCount: 0, uuid: '' });
  readonly records = new Map<string, DocRecord | undefined>();
  readonly locals = new Map<string, LocalRecord | undefined>();
  /** The batch lists, each made when first needed: most writes fill three or four of them. */
  readonly #batch: Omit<EngineBatch, 'meta'> = emptyBatch();
  readonly #touchedDocs = new Set<string>();
  readonly #touchedLocals = new Set<string>();
  /** Documents the store holds no record of (see {@link loadedRecord}). */
  #absent: Set<string> | undefined;
  /** A document was written twice (or written, then purged): seq entries need filtering. */
  #rewritten = false;
  #refs: AttachmentRefChanges | undefined;
  /**
   * Revisions of documents with attachments whose bodies go: their references are read and
   * dropped when the plan is settled (plain data, so that a write that only drops them, such
   * as an edit stemming an old revision, needs no code loaded on first use until then).
   */
  unrefRevs: RevRef[] | undefined = undefined;
  meta: EngineMeta;
  /** Whether a document (not only local docs) changed; live feeds are notified then. */
  changed = false;

  constructor(meta: EngineMeta) {
    this.meta = { updateSeq: meta.updateSeq, docCount: meta.docCount, uuid: meta.uuid };
  }

  /** Attachment references added and released by this plan, settled before commit. */
  get attachmentRefs(): AttachmentRefChanges {
    // Only code loaded on first use changes references (a write with attachments loads it
    // before it applies, and drops only what it added): that code makes the change set.
    this.#refs ??= new occasional.loaded!.AttachmentRefChanges();
    return this.#refs;
  }

  /** Whether any attachment reference changed (without creating the change set). */
  hasAttachmentRefs(): boolean {
    return this.#refs !== undefined || this.unrefRevs !== undefined;
  }

  /**
   * Takes in a document's stored record as loaded (`undefined`: the store has none, or the id
   * was generated). A batch names the documents it creates that the store held no record of
   * (`newDocs`), so an engine need not look them up again.
   */
  loadedRecord(id: string, record: DocRecord | undefined): undefined {
    this.records.set(id, record);
    if (record === undefined) {
      this.#absent ??= new Set<string>();
      this.#absent.add(id);
    }
    return undefined;
  }

  /** Hands out the next sequence number. */
  nextSeq(): number {
    this.meta.updateSeq += 1;
    return this.meta.updateSeq;
  }

  /** Replaces a document record (and moves its by-seq entry). */
  putRecord(record: DocRecord, previousSeq: number | undefined): void {
    if (previousSeq !== undefined && previousSeq !== record.seq) {
      this.#batch.deleteSeqs ??= [];
      this.#batch.deleteSeqs.push(previousSeq);
    }
    this.#batch.putSeqs ??= [];
    this.#batch.putSeqs.push({ seq: record.seq, id: record.id } satisfies SeqEntry);
    if (this.#touchedDocs.has(record.id)) this.#rewritten = true;
    this.records.set(record.id, record);
    this.#touchedDocs.add(record.id);
    this.changed = true;
  }

  /** Rewrites a record in place (compaction): its seq and the by-seq index stay as they are. */
  rewriteRecord(record: DocRecord): void {
    this.records.set(record.id, record);
    this.#touchedDocs.add(record.id);
  }

  /** Removes a document record entirely (purge of its last revision). */
  deleteRecord(id: string, seq: number): void {
    this.#batch.deleteSeqs ??= [];
    this.#batch.deleteSeqs.push(seq);
    this.#rewritten = true;
    this.records.set(id, undefined);
    this.#touchedDocs.add(id);
    this.changed = true;
  }

  /** Stores a revision body; `json`, when given, is `stringify(body)` already made. */
  putRev(ref: RevRef, body: Record<string, unknown>, json?: string): void {
    const { id, rev } = ref;
    this.#batch.putRevs ??= [];
    this.#batch.putRevs.push(json === undefined ? { id, rev, body } : { id, rev, body, json });
  }

  /**
   * Drops revision bodies; a body put earlier in this same plan is simply not written. When the
   * document has attachments, the references of the dropped bodies are released.
   */
  deleteRevs(id: string, revs: readonly string[], hasAttachments = false): void {
    const puts = this.#batch.putRevs;
    for (const rev of revs) {
      const pending = puts ? puts.findIndex((r) => r.id === id && r.rev === rev) : -1;
      if (pending >= 0) {
        const [dropped] = puts!.splice(pending, 1);
        for (const digest of digestsOf(dropped?.body))
          this.attachmentRefs.remove(digest, `${id}@${rev}`);
      } else {
        this.#batch.deleteRevs ??= [];
        this.#batch.deleteRevs.push({ id, rev });
        if (hasAttachments) {
          this.unrefRevs ??= [];
          this.unrefRevs.push({ id, rev });
        }
      }
    }
  }

  putLocal(record: LocalRecord): void {
    this.locals.set(record.id, record);
    this.#touchedLocals.add(record.id);
  }

  deleteLocal(id: string): void {
    this.locals.set(id, undefined);
    this.#touchedLocals.add(id);
  }

  putAttachment(record: AttachmentRecord & { data?: Uint8Array }): void {
    this.#batch.putAttachments ??= [];
    this.#batch.putAttachments.push(record);
  }

  deleteAttachment(digest: string): void {
    this.#batch.deleteAttachments ??= [];
    this.#batch.deleteAttachments.push(digest);
  }

  /** Whether anything would be written. */
  isEmpty(): boolean {
    return (
      this.#touchedDocs.size === 0 &&
      this.#touchedLocals.size === 0 &&
      (this.#batch.putRevs?.length ?? 0) === 0
    );
  }

  /**
   * The batch to commit: the last state of every touched record, plus the new meta. Only the
   * lists that have entries are set (the others are `undefined`).
   */
  toBatch(): EngineBatch {
    const b = this.#batch;
    const out: EngineBatch = emptyBatch();
    out.meta = this.meta;
    if (b.putRevs && b.putRevs.length > 0) out.putRevs = b.putRevs;
    out.deleteRevs = b.deleteRevs;
    out.putAttachments = b.putAttachments;
    out.deleteAttachments = b.deleteAttachments;
    if (this.#touchedDocs.size > 0) this.#docLists(out);
    if (this.#touchedLocals.size > 0) this.#localLists(out);
    return out;
  }

  #docLists(out: EngineBatch): void {
    const absent = this.#absent;
    for (const id of this.#touchedDocs) {
      const rec = this.records.get(id);
      if (rec) {
        out.putDocs ??= [];
        out.putDocs.push(rec);
        if (absent?.has(id)) {
          out.newDocs ??= [];
          out.newDocs.push(id);
        }
      } else {
        out.deleteDocs ??= [];
        out.deleteDocs.push(id);
      }
    }
    const { putSeqs, deleteSeqs } = this.#batch;
    if (!this.#rewritten) {
      // Each document written once: every seq entry is its last, none is deleted again.
      if (putSeqs) out.putSeqs = putSeqs;
      if (deleteSeqs) out.deleteSeqs = deleteSeqs;
      return;
    }
    // Several edits of one doc in one plan: only its last seq entry is written, and a key
    // never appears in both a put and a delete list, so engines may apply them in any order.
    const kept = (putSeqs ?? []).filter((e) => this.records.get(e.id)?.seq === e.seq);
    const keptSeqs = new Set(kept.map((e) => e.seq));
    const deleted = (deleteSeqs ?? []).filter((seq) => !keptSeqs.has(seq));
    if (kept.length > 0) out.putSeqs = kept;
    if (deleted.length > 0) out.deleteSeqs = deleted;
  }

  #localLists(out: EngineBatch): void {
    for (const id of this.#touchedLocals) {
      const rec = this.locals.get(id);
      if (rec) {
        out.putLocals ??= [];
        out.putLocals.push(rec);
      } else {
        out.deleteLocals ??= [];
        out.deleteLocals.push(id);
      }
    }
  }
}

/**
 * A batch with every member present, each `undefined`: batches are made with one fixed shape,
 * whatever lists they fill. Objects grown member by member take shapes (hidden classes) that a
 * full garbage collection drops once no such object is alive, between two writes, which throws
 * away the optimized code of every function that reads batches; a shape made by one object
 * literal stays as long as the code that makes it.
 */
function emptyBatch(): EngineBatch {
  return {
    putDocs: undefined,
    newDocs: undefined,
    deleteDocs: undefined,
    putRevs: undefined,
    deleteRevs: undefined,
    putSeqs: undefined,
    deleteSeqs: undefined,
    putLocals: undefined,
    deleteLocals: undefined,
    putAttachments: undefined,
    deleteAttachments: undefined,
    meta: undefined,
  };
}
