import {
  type AttachmentRecord,
  compareIds,
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
import { exclusive, listen, notify } from './file-registry.js';
import {
  emptyState,
  NO_FILE,
  readSnapshot,
  readVersion,
  removeSnapshot,
  type SnapshotState,
  writeSnapshot,
} from './snapshot-file.js';

const revKey = (id: string, rev: string): string => JSON.stringify([id, rev]);

/**
 * A Satchel engine that keeps a database in Maps and persists it as one JSON snapshot file,
 * rewritten whole on every commit. Written only against `@satchel/core/engine`.
 *
 * Concurrency: a commit checks the file's version header against the version it was given and
 * writes the new file by atomic rename, under a queue shared by every engine of this process
 * (the check and the write never interleave). Engines of one process on one file therefore
 * refuse stale commits and tell each other about commits through `watch`. Two processes on
 * one file are not guarded: that would need a lock file, which this small example leaves out.
 */
export class SnapshotEngine implements Engine {
  readonly supports: EngineSupports = {
    externalWrites: true,
    sortedScans: true,
    purge: true,
    persistent: true,
  };

  private state: SnapshotState = emptyState();
  private version: EngineVersion = NO_FILE;

  /** @param path - The snapshot file; created by the first commit. */
  constructor(readonly path: string) {}

  async open(): Promise<EngineSnapshot> {
    const { version, state } = await readSnapshot(this.path);
    this.version = version;
    this.state = state;
    state.meta ??= { updateSeq: 0, docCount: 0, uuid: uuid() };
    return { meta: state.meta, version };
  }

  reload(): Promise<EngineSnapshot> {
    return this.open();
  }

  async getDocs(ids: readonly string[]): Promise<(DocRecord | undefined)[]> {
    return ids.map((id) => this.state.docs.get(id));
  }

  async getRevs(refs: readonly RevRef[]): Promise<(RevBody | undefined)[]> {
    return refs.map(({ id, rev }) => this.state.revs.get(revKey(id, rev)));
  }

  async scanDocs(range: IdRange): Promise<DocRecord[]> {
    const rows = [...this.state.docs.values()]
      .filter(({ id }) => inRange(id, range))
      .sort((a, b) => compareIds(a.id, b.id));
    return limited(range.reverse ? rows.reverse() : rows, range.limit);
  }

  async scanSeqs(range: SeqRange): Promise<SeqEntry[]> {
    const rows = [...this.state.seqs.values()]
      .filter(
        ({ seq }) =>
          (range.since === undefined || seq > range.since) &&
          (range.before === undefined || seq < range.before),
      )
      .sort((a, b) => a.seq - b.seq);
    return limited(range.reverse ? rows.reverse() : rows, range.limit);
  }

  async getLocal(id: string): Promise<LocalRecord | undefined> {
    return this.state.locals.get(id);
  }

  async getAttachment(digest: string): Promise<Uint8Array | undefined> {
    return this.state.attachments.get(digest);
  }

  async getAttachmentRecords(
    digests: readonly string[],
  ): Promise<(AttachmentRecord | undefined)[]> {
    return digests.map((digest) => this.state.attachmentRecords.get(digest));
  }

  commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion> {
    return exclusive(this.path, async () => {
      if ((await readVersion(this.path)) !== version || version !== this.version) {
        throw engineConflict();
      }
      const next = applyBatch(this.state, batch);
      this.version = await writeSnapshot(this.path, next);
      // Only now, with the file written, does this engine's state move on.
      this.state = next;
      notify(this.path, this.listeners);
      return this.version;
    });
  }

  /** This engine's own `watch` listeners: its own commits are not outside writes. */
  private readonly listeners = new Set<() => void>();

  watch(onExternalChange: () => void): Unwatch {
    const listener = (): void => onExternalChange();
    this.listeners.add(listener);
    const remove = listen(this.path, listener);
    return () => {
      this.listeners.delete(listener);
      remove();
    };
  }

  async close(): Promise<void> {}

  destroy(): Promise<void> {
    return exclusive(this.path, async () => {
      await removeSnapshot(this.path);
      this.state = emptyState();
      this.version = NO_FILE;
      notify(this.path, this.listeners);
    });
  }
}

function inRange(id: string, r: IdRange): boolean {
  return (
    (r.gt === undefined || compareIds(id, r.gt) > 0) &&
    (r.gte === undefined || compareIds(id, r.gte) >= 0) &&
    (r.lt === undefined || compareIds(id, r.lt) < 0) &&
    (r.lte === undefined || compareIds(id, r.lte) <= 0)
  );
}

function limited<T>(rows: T[], limit: number | undefined): T[] {
  return limit === undefined ? rows : rows.slice(0, limit);
}

/**
 * The state after the batch, as a new object (the old one stays intact until the file is
 * written). Deletions go first; LocalAdapter never puts and deletes one key in one batch.
 */
function applyBatch(old: SnapshotState, batch: EngineBatch): SnapshotState {
  const s: SnapshotState = {
    meta: batch.meta ?? old.meta,
    docs: new Map(old.docs),
    revs: new Map(old.revs),
    seqs: new Map(old.seqs),
    locals: new Map(old.locals),
    attachmentRecords: new Map(old.attachmentRecords),
    attachments: new Map(old.attachments),
  };
  for (const id of batch.deleteDocs ?? []) s.docs.delete(id);
  for (const { id, rev } of batch.deleteRevs ?? []) s.revs.delete(revKey(id, rev));
  for (const seq of batch.deleteSeqs ?? []) s.seqs.delete(seq);
  for (const id of batch.deleteLocals ?? []) s.locals.delete(id);
  for (const digest of batch.deleteAttachments ?? []) {
    s.attachmentRecords.delete(digest);
    s.attachments.delete(digest);
  }
  for (const doc of batch.putDocs ?? []) s.docs.set(doc.id, doc);
  for (const { id, rev, body } of batch.putRevs ?? []) s.revs.set(revKey(id, rev), body);
  for (const entry of batch.putSeqs ?? []) s.seqs.set(entry.seq, entry);
  for (const local of batch.putLocals ?? []) s.locals.set(local.id, local);
  for (const { digest, refs, data } of batch.putAttachments ?? []) {
    s.attachmentRecords.set(digest, { digest, refs });
    if (data) s.attachments.set(digest, data);
  }
  return s;
}
