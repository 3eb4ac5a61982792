import {
  type AttachmentRecord,
  type DocRecord,
  type Engine,
  type EngineBatch,
  type EngineMeta,
  type IdRange,
  type LocalRecord,
  type RevBody,
  type RevRef,
  type SeqEntry,
  type SeqRange,
  uuid,
} from '@satchel/core';
import { applyBatch } from './apply-batch.js';
import { MemoryData } from './memory-data.js';

/**
 * The Engine kept in JavaScript memory. Every read answers from Maps and sorted arrays without
 * copying: records returned are the stored ones, which the Engine contract lets callers see
 * only as read-only. A commit is applied synchronously, so it is atomic by construction, and
 * it is never refused (nothing else can write to this memory behind the engine's back).
 *
 * Document ids are ordered by code point (see `compareIds`), as LevelDB orders them.
 *
 * @example
 * ```ts
 * const engine = new MemoryEngine();
 * await engine.open();
 * ```
 */
export class MemoryEngine implements Engine {
  /**
   * @param data - The database's data; a fresh private store by default. Pass a shared one
   *   (see `MemoryStores`) to let several engines over time see the same database.
   * @param onDestroy - Called after `destroy()` dropped the data, e.g. to unregister the store.
   */
  constructor(
    private readonly data: MemoryData = new MemoryData(),
    private readonly onDestroy?: () => void,
  ) {}

  async open(): Promise<EngineMeta> {
    this.data.meta ??= { updateSeq: 0, docCount: 0, uuid: uuid() };
    return this.data.meta;
  }

  /** Nothing to re-read: no other writer can change this memory behind our back. */
  async reload(): Promise<EngineMeta> {
    return this.open();
  }

  async getDocs(ids: readonly string[]): Promise<(DocRecord | undefined)[]> {
    return ids.map((id) => this.data.docs.get(id));
  }

  async getRevs(refs: readonly RevRef[]): Promise<(RevBody | undefined)[]> {
    return refs.map((ref) => this.data.revs.get(ref.id)?.get(ref.rev));
  }

  async scanDocs(range: IdRange): Promise<DocRecord[]> {
    return this.data.docs.scan(range);
  }

  async scanSeqs(range: SeqRange): Promise<SeqEntry[]> {
    return this.data.seqs.scan(range);
  }

  async getLocal(id: string): Promise<LocalRecord | undefined> {
    return this.data.locals.get(id);
  }

  async getAttachment(digest: string): Promise<Uint8Array | undefined> {
    return this.data.attachments.get(digest);
  }

  async getAttachmentRecords(
    digests: readonly string[],
  ): Promise<(AttachmentRecord | undefined)[]> {
    return digests.map((digest) => this.data.attachmentRecords.get(digest));
  }

  /** Applies the batch in one synchronous step; never throws `EngineConflictError`. */
  async commit(batch: EngineBatch): Promise<void> {
    applyBatch(this.data, batch);
  }

  /** Nothing to release: the data stays for the next engine opened on the same store. */
  async close(): Promise<void> {}

  async destroy(): Promise<void> {
    this.data.clear();
    this.onDestroy?.();
  }
}
