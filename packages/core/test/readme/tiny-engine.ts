import { Satchel } from '@satchel/core';
import {
  type AttachmentRecord,
  createLocalAdapterFactory,
  type DocRecord,
  type Engine,
  type EngineBatch,
  type EngineMeta,
  type EngineSnapshot,
  type EngineVersion,
  engineConflict,
  type LocalRecord,
  type RevBody,
  type RevRef,
  type SeqEntry,
  uuid,
} from '@satchel/core/engine';

const key = (id: string, rev: string) => `${id}\u0000${rev}`;

/** A whole engine: Maps in memory, one store per engine. */
export class TinyEngine implements Engine {
  // No other writer shares the Maps; scans return everything and LocalAdapter sorts and slices.
  readonly supports = { externalWrites: false, sortedScans: false, purge: true, persistent: false };
  private docs = new Map<string, DocRecord>();
  private revs = new Map<string, RevBody>();
  private seqs = new Map<number, SeqEntry>();
  private locals = new Map<string, LocalRecord>();
  private records = new Map<string, AttachmentRecord>();
  private bytes = new Map<string, Uint8Array>();
  private meta: EngineMeta = { updateSeq: 0, docCount: 0, uuid: uuid() };
  private version = 0;

  async open(): Promise<EngineSnapshot> {
    return { meta: this.meta, version: this.version };
  }
  reload = () => this.open();
  getDocs = async (ids: readonly string[]) => ids.map((id) => this.docs.get(id));
  getRevs = async (refs: readonly RevRef[]) => refs.map((r) => this.revs.get(key(r.id, r.rev)));
  scanDocs = async () => [...this.docs.values()];
  scanSeqs = async () => [...this.seqs.values()];
  getLocal = async (id: string) => this.locals.get(id);
  getAttachment = async (digest: string) => this.bytes.get(digest);
  getAttachmentRecords = async (digests: readonly string[]) =>
    digests.map((d) => this.records.get(d));

  async commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion> {
    // Optimistic concurrency: refuse a batch built on a state that is no longer current.
    if (version !== this.version) throw engineConflict();
    // Synchronous from here on, so no read ever sees half a batch.
    for (const id of batch.deleteDocs ?? []) this.docs.delete(id);
    for (const r of batch.deleteRevs ?? []) this.revs.delete(key(r.id, r.rev));
    for (const seq of batch.deleteSeqs ?? []) this.seqs.delete(seq);
    for (const id of batch.deleteLocals ?? []) this.locals.delete(id);
    for (const d of batch.deleteAttachments ?? []) this.records.delete(d) && this.bytes.delete(d);
    for (const doc of batch.putDocs ?? []) this.docs.set(doc.id, doc);
    for (const r of batch.putRevs ?? []) this.revs.set(key(r.id, r.rev), r.body);
    for (const entry of batch.putSeqs ?? []) this.seqs.set(entry.seq, entry);
    for (const local of batch.putLocals ?? []) this.locals.set(local.id, local);
    for (const { digest, refs, data } of batch.putAttachments ?? []) {
      this.records.set(digest, { digest, refs });
      if (data) this.bytes.set(digest, data);
    }
    if (batch.meta) this.meta = batch.meta;
    this.version += 1; // every commit, `_local`-only ones too, gives a new version
    return this.version;
  }

  async close(): Promise<void> {}
  async destroy(): Promise<void> {
    for (const map of [this.docs, this.revs, this.seqs, this.locals, this.records, this.bytes]) {
      map.clear();
    }
  }
}

// One LocalAdapter (and so one engine) per database name; PouchDB's options are mapped for us.
Satchel.adapter(
  'tiny',
  createLocalAdapterFactory({ type: 'tiny', engine: () => new TinyEngine() }),
);

const db = new Satchel('notes', { adapter: 'tiny', revs_limit: 10 });
await db.put({ _id: 'hello', text: 'Hello, engine' });
console.log((await db.get<{ text: string }>('hello')).text); // Hello, engine
