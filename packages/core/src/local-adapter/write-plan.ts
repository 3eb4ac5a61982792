import type {
  AttachmentRecord,
  DocRecord,
  EngineBatch,
  EngineMeta,
  LocalRecord,
  RevRef,
  SeqEntry,
} from '../engine/engine.js';
import { AttachmentRefChanges } from './attachment-ref-changes.js';
import { digestsOf } from './attachment-refs.js';

/**
 * The changes one logical write accumulates before its single engine commit. It also keeps the
 * records already touched, so several edits of one document in one call build on each other.
 */
export class WritePlan {
  readonly records = new Map<string, DocRecord | undefined>();
  readonly locals = new Map<string, LocalRecord | undefined>();
  private readonly batch: Required<Omit<EngineBatch, 'meta'>> = {
    putDocs: [],
    deleteDocs: [],
    putRevs: [],
    deleteRevs: [],
    putSeqs: [],
    deleteSeqs: [],
    putLocals: [],
    deleteLocals: [],
    putAttachments: [],
    deleteAttachments: [],
  };
  private readonly touchedDocs = new Set<string>();
  private readonly touchedLocals = new Set<string>();
  meta: EngineMeta;
  /** Attachment references added and released by this plan, settled before commit. */
  readonly attachmentRefs = new AttachmentRefChanges();
  /** Whether a document (not only local docs) changed; live feeds are notified then. */
  changed = false;

  constructor(meta: EngineMeta) {
    this.meta = { ...meta };
  }

  /** Hands out the next sequence number. */
  nextSeq(): number {
    this.meta.updateSeq += 1;
    return this.meta.updateSeq;
  }

  /** Replaces a document record (and moves its by-seq entry). */
  putRecord(record: DocRecord, previousSeq: number | undefined): void {
    if (previousSeq !== undefined && previousSeq !== record.seq) {
      this.batch.deleteSeqs.push(previousSeq);
    }
    this.batch.putSeqs.push({ seq: record.seq, id: record.id } satisfies SeqEntry);
    this.records.set(record.id, record);
    this.touchedDocs.add(record.id);
    this.changed = true;
  }

  /** Rewrites a record in place (compaction): its seq and the by-seq index stay as they are. */
  rewriteRecord(record: DocRecord): void {
    this.records.set(record.id, record);
    this.touchedDocs.add(record.id);
  }

  /** Removes a document record entirely (purge of its last revision). */
  deleteRecord(id: string, seq: number): void {
    this.batch.deleteSeqs.push(seq);
    this.records.set(id, undefined);
    this.touchedDocs.add(id);
    this.changed = true;
  }

  /** Stores a revision body; `json`, when given, is `stringify(body)` already made. */
  putRev(ref: RevRef, body: Record<string, unknown>, json?: string): void {
    const { id, rev } = ref;
    this.batch.putRevs.push(json === undefined ? { id, rev, body } : { id, rev, body, json });
  }

  /**
   * Drops revision bodies; a body put earlier in this same plan is simply not written. When the
   * document has attachments, the references of the dropped bodies are released.
   */
  deleteRevs(id: string, revs: readonly string[], hasAttachments = false): void {
    for (const rev of revs) {
      const pending = this.batch.putRevs.findIndex((r) => r.id === id && r.rev === rev);
      if (pending >= 0) {
        const [dropped] = this.batch.putRevs.splice(pending, 1);
        for (const digest of digestsOf(dropped?.body))
          this.attachmentRefs.remove(digest, `${id}@${rev}`);
      } else {
        this.batch.deleteRevs.push({ id, rev });
        if (hasAttachments) this.attachmentRefs.unrefRevs.push({ id, rev });
      }
    }
  }

  putLocal(record: LocalRecord): void {
    this.locals.set(record.id, record);
    this.touchedLocals.add(record.id);
  }

  deleteLocal(id: string): void {
    this.locals.set(id, undefined);
    this.touchedLocals.add(id);
  }

  putAttachment(record: AttachmentRecord & { data?: Uint8Array }): void {
    this.batch.putAttachments.push(record);
  }

  deleteAttachment(digest: string): void {
    this.batch.deleteAttachments.push(digest);
  }

  /** Whether anything would be written. */
  isEmpty(): boolean {
    return (
      this.touchedDocs.size === 0 &&
      this.touchedLocals.size === 0 &&
      this.batch.putRevs.length === 0
    );
  }

  /** The batch to commit: the last state of every touched record, plus the new meta. */
  toBatch(): EngineBatch {
    const b = this.batch;
    const putDocs: DocRecord[] = [];
    const deleteDocs: string[] = [];
    for (const id of this.touchedDocs) {
      const rec = this.records.get(id);
      if (rec) putDocs.push(rec);
      else deleteDocs.push(id);
    }
    const putLocals: LocalRecord[] = [];
    const deleteLocals: string[] = [];
    for (const id of this.touchedLocals) {
      const rec = this.locals.get(id);
      if (rec) putLocals.push(rec);
      else deleteLocals.push(id);
    }
    // Several edits of one doc in one plan: only its last seq entry is written, and a key
    // never appears in both a put and a delete list, so engines may apply them in any order.
    const putSeqs = b.putSeqs.filter((e) => this.records.get(e.id)?.seq === e.seq);
    const kept = new Set(putSeqs.map((e) => e.seq));
    const deleteSeqs = b.deleteSeqs.filter((seq) => !kept.has(seq));
    return {
      ...b,
      putDocs,
      deleteDocs,
      putLocals,
      deleteLocals,
      putSeqs,
      deleteSeqs,
      meta: this.meta,
    };
  }
}
