import {
  type AttachmentRecord,
  type DocRecord,
  type Engine,
  type EngineBatch,
  type EngineSnapshot,
  type EngineSupports,
  type EngineVersion,
  engineConflict,
  type IdRange,
  type LocalRecord,
  type RevBody,
  type RevRef,
  type SeqEntry,
  type SeqRange,
  type Unwatch,
  uuid,
} from '@satchel/core/engine';
import { applyBatch } from './apply-batch.js';
import { MemoryData } from './memory-data.js';
import { textOf } from './stored-text.js';

/**
 * The Engine kept in JavaScript memory. Reads answer from Maps and sorted arrays: records
 * returned are the stored ones, which the Engine contract lets callers see only as read-only;
 * revision bodies are kept as JSON text and parsed on each read, so those are the caller's
 * (`freshBodies`). A commit is applied synchronously, so it is atomic by construction.
 *
 * Several engines may be open on one `MemoryData` (two `Satchel` instances of one name): each
 * commit is checked against the data's version and refused if another engine committed since
 * this one last loaded, and `watch` tells the other engines about every commit.
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
   * Other engines may share the data; scans are native; data outlives the engine by name. The
   * same as `memorySupports`, which the adapter states before this code is loaded; written out
   * rather than imported, since a file this one (loaded on first use) shared with the page
   * would be split into a chunk of its own (test/pending-engine.test.ts checks they agree).
   */
  readonly supports: EngineSupports = {
    externalWrites: true,
    sortedScans: true,
    purge: true,
    persistent: true,
  };
  /** Bodies are parsed from stored JSON on every read: the caller may keep and change them. */
  readonly freshBodies = true;
  /** Bodies are kept as JSON text: the writer's own when it comes with one (`apply-batch.ts`). */
  readonly storesBodyJson = true;

  /**
   * @param data - The database's data; a fresh private store by default. Pass a shared one
   *   (see `MemoryStores`) to let several engines over time see the same database.
   * @param onDestroy - Called after `destroy()` dropped the data, e.g. to unregister the store.
   */
  constructor(
    private readonly data: MemoryData = new MemoryData(),
    private readonly onDestroy?: () => void,
  ) {}

  async open(): Promise<EngineSnapshot> {
    this.data.meta ??= { updateSeq: 0, docCount: 0, uuid: uuid() };
    return { meta: this.data.meta, version: this.data.version };
  }

  /** Nothing is cached here: the data itself is current, so reloading is reading its meta. */
  async reload(): Promise<EngineSnapshot> {
    return this.open();
  }

  async getDocs(ids: readonly string[]): Promise<(DocRecord | undefined)[]> {
    return ids.map((id) => this.data.docs.get(id));
  }

  async getRevs(refs: readonly RevRef[]): Promise<(RevBody | undefined)[]> {
    return refs.map((ref) => {
      const stored = this.data.revs.get(ref.id)?.get(ref.rev);
      return stored === undefined ? undefined : (JSON.parse(textOf(stored)) as RevBody);
    });
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

  /**
   * Applies the batch in one synchronous step if no other engine committed since `version`,
   * then tells the other engines' watchers.
   */
  async commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion> {
    if (version !== this.data.version) throw engineConflict('another engine wrote to this memory');
    applyBatch(this.data, batch);
    this.data.version += 1;
    for (const watcher of [...this.data.watchers]) {
      if (watcher.engine !== this) notify(watcher.onExternalChange);
    }
    return this.data.version;
  }

  /** Calls `onExternalChange` after every commit another engine makes to the same data. */
  watch(onExternalChange: () => void): Unwatch {
    const watcher = { engine: this, onExternalChange };
    this.data.watchers.add(watcher);
    return () => {
      this.data.watchers.delete(watcher);
    };
  }

  /** Nothing to release: the data stays for the next engine opened on the same store. */
  async close(): Promise<void> {}

  async destroy(): Promise<void> {
    this.data.clear();
    this.onDestroy?.();
  }
}

/** A watcher that throws must not turn a commit that happened into a failed one. */
function notify(onExternalChange: () => void): void {
  try {
    onExternalChange();
  } catch (err) {
    queueMicrotask(() => {
      throw err;
    });
  }
}
