import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  AttachmentRecord,
  DocRecord,
  Engine,
  EngineBatch,
  EngineMeta,
  EngineSnapshot,
  EngineVersion,
  LocalRecord,
  RevBody,
  RevRef,
  SeqEntry,
} from '../../src/engine/engine.js';
import type { LocalAdapter } from '../../src/local-adapter/local-adapter.js';
import type { AnyDoc } from '../../src/types/documents.js';

const key = (id: string, rev: string) => `${id}\u0000${rev}`;

/**
 * An engine in Maps that scans in order (opening it loads no code) and, like LevelDB's, refuses
 * a commit once closed with a bare `Error`: a write overtaken by `close` would show it.
 */
class OrderedEngine implements Engine {
  readonly supports = { externalWrites: false, sortedScans: true, purge: false, persistent: false };
  readonly docs = new Map<string, DocRecord>();
  readonly seqs = new Map<number, SeqEntry>();
  private readonly revs = new Map<string, RevBody>();
  private readonly locals = new Map<string, LocalRecord>();
  private readonly records = new Map<string, AttachmentRecord>();
  private readonly bytes = new Map<string, Uint8Array>();
  private meta: EngineMeta = { updateSeq: 0, docCount: 0, uuid: 'u' };
  private version = 0;
  closed = false;
  /** Makes every commit take this many ms: writes queue up behind it. */
  commitDelay = 0;

  async open(): Promise<EngineSnapshot> {
    return { meta: this.meta, version: this.version };
  }
  reload = () => this.open();
  getDocs = async (ids: readonly string[]) => ids.map((id) => this.docs.get(id));
  getRevs = async (refs: readonly RevRef[]) => refs.map((r) => this.revs.get(key(r.id, r.rev)));
  scanDocs = async () => [...this.docs.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  scanSeqs = async () => [...this.seqs.values()].sort((a, b) => a.seq - b.seq);
  getLocal = async (id: string) => this.locals.get(id);
  getAttachment = async (digest: string) => this.bytes.get(digest);
  getAttachmentRecords = async (digests: readonly string[]) =>
    digests.map((d) => this.records.get(d));

  async commit(batch: EngineBatch, _version: EngineVersion): Promise<EngineVersion> {
    if (this.commitDelay) await new Promise((resolve) => setTimeout(resolve, this.commitDelay));
    if (this.closed) throw new Error('OrderedEngine: database is not open');
    for (const doc of batch.putDocs ?? []) this.docs.set(doc.id, doc);
    for (const r of batch.putRevs ?? []) this.revs.set(key(r.id, r.rev), r.body);
    for (const entry of batch.putSeqs ?? []) this.seqs.set(entry.seq, entry);
    for (const seq of batch.deleteSeqs ?? []) this.seqs.delete(seq);
    for (const local of batch.putLocals ?? []) this.locals.set(local.id, local);
    for (const { digest, refs, data } of batch.putAttachments ?? []) {
      this.records.set(digest, { digest, refs });
      if (data) this.bytes.set(digest, data);
    }
    if (batch.meta) this.meta = batch.meta;
    this.version += 1;
    return this.version;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
  async destroy(): Promise<void> {
    this.closed = true;
  }
}

/**
 * A LocalAdapter from a fresh module graph: the code loaded on first use (`occasional`) is not
 * loaded yet, as in a process that never needed it.
 */
async function freshAdapter(): Promise<{ adapter: LocalAdapter; engine: OrderedEngine }> {
  vi.resetModules();
  const { LocalAdapter: Fresh } = await import('../../src/local-adapter/local-adapter.js');
  const engine = new OrderedEngine();
  const adapter = new Fresh(engine);
  await adapter.ready();
  return { adapter, engine };
}

/** A LocalAdapter whose code loaded on first use is loaded already. */
async function warmAdapter(): Promise<{ adapter: LocalAdapter; engine: OrderedEngine }> {
  const made = await freshAdapter();
  const { occasional } = await import('../../src/occasional.js');
  await occasional.load();
  return made;
}

const write = (adapter: LocalAdapter, docs: AnyDoc[], newEdits = true) =>
  adapter.bulkDocs(docs, { new_edits: newEdits });

const withAttachment = (id: string, data: string | Buffer = 'aGk='): AnyDoc => ({
  _id: id,
  _attachments: { a: { data, content_type: 'text/plain' } },
});

/** Ids in the order the writes gave them seqs. */
const seqOrder = (engine: OrderedEngine) =>
  [...engine.seqs.values()].sort((a, b) => a.seq - b.seq).map((e) => e.id);

afterEach(() => {
  vi.restoreAllMocks();
});

// Hashing attachment data (and loading the code some writes need) is async. It used to happen
// before the write took its place in the queue, so a later write without attachments committed
// first, and `close` ran before the pending write (which then failed with the engine's bare
// error). PouchDB commits writes in the order they were called.
describe('writes commit in call order', () => {
  it('a write with attachments commits before a later write without any', async () => {
    const { adapter, engine } = await warmAdapter();
    const first = write(adapter, [withAttachment('x')]);
    const second = write(adapter, [{ _id: 'x', v: 2 }]);
    expect(await first).toMatchObject([{ ok: true, id: 'x' }]);
    expect(await second).toMatchObject([{ error: true, status: 409, name: 'conflict' }]);
    expect(engine.docs.get('x')?.winningRev).toBe((await first)[0]!.rev);
  });

  it('hands out seqs in call order across documents', async () => {
    const { adapter, engine } = await warmAdapter();
    await Promise.all([
      write(adapter, [withAttachment('a')]),
      write(adapter, [{ _id: 'b' }]),
      write(adapter, [withAttachment('c')]),
      write(adapter, [{ _id: 'd' }]),
      write(adapter, [{ _id: 'e' }]),
    ]);
    expect(seqOrder(engine)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('writes grouped behind one with attachments each get their own rows', async () => {
    const { adapter } = await warmAdapter();
    const { rev } = (await write(adapter, [{ _id: 'b' }]))[0] as { rev: string };
    const calls = [
      write(adapter, [withAttachment('a')]),
      write(adapter, [{ _id: 'b' }]),
      write(adapter, [{ _id: 'b', _rev: rev, v: 2 }]),
      write(adapter, [{ _id: 'c' }]),
    ];
    const rows = await Promise.all(calls);
    expect(rows[0]).toMatchObject([{ ok: true, id: 'a' }]);
    expect(rows[1]).toMatchObject([{ status: 409, name: 'conflict' }]);
    expect(rows[2]).toMatchObject([{ ok: true, id: 'b', rev: expect.stringMatching(/^2-/) }]);
    expect(rows[3]).toMatchObject([{ ok: true, id: 'c' }]);
  });

  it('data that cannot be decoded fails its own call only, and nothing is left unhandled', async () => {
    const { adapter, engine } = await warmAdapter();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      // A slow write ahead: the bad data's hashing fails long before the lock reaches it.
      engine.commitDelay = 20;
      const before = write(adapter, [{ _id: 'before' }]);
      const bad = write(adapter, [withAttachment('bad', 'not base64!')]);
      const after = write(adapter, [{ _id: 'after' }]);
      const failed = bad.then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(await before).toMatchObject([{ ok: true, id: 'before' }]);
      expect(await failed).toMatchObject({ status: 500, name: 'badarg' });
      expect(await after).toMatchObject([{ ok: true, id: 'after' }]);
      expect(seqOrder(engine)).toEqual(['before', 'after']);
    } finally {
      process.off('unhandledRejection', unhandled);
    }
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('close waits for a pending write with attachments', async () => {
    const { adapter, engine } = await warmAdapter();
    const pending = write(adapter, [withAttachment('x')]);
    const closing = adapter.close();
    expect(await pending).toMatchObject([{ ok: true, id: 'x' }]);
    await closing;
    expect(engine.closed).toBe(true);
    expect(engine.docs.has('x')).toBe(true);
  });

  it('destroy waits for a pending write with attachments', async () => {
    const { adapter, engine } = await warmAdapter();
    const pending = write(adapter, [withAttachment('x')]);
    const destroying = adapter.destroy();
    expect(await pending).toMatchObject([{ ok: true, id: 'x' }]);
    await destroying;
    expect(engine.closed).toBe(true);
  });

  it('the first replicated write, which loads code, commits before a later write', async () => {
    const { adapter, engine } = await freshAdapter();
    const replicated = write(adapter, [{ _id: 'r', _rev: '1-a', v: 1 }], false);
    const plain = write(adapter, [{ _id: 'p' }]);
    const closing = adapter.close();
    await Promise.all([replicated, plain, closing]);
    expect(seqOrder(engine)).toEqual(['r', 'p']);
  });

  it('a replicated write with a bad revision, before the code is loaded, fails alone', async () => {
    const { adapter, engine } = await freshAdapter();
    const bad = write(adapter, [{ _id: 'r', _rev: 'nope' }], false);
    const plain = write(adapter, [{ _id: 'p' }]);
    await expect(bad).rejects.toMatchObject({ status: 400 });
    expect(await plain).toMatchObject([{ ok: true, id: 'p' }]);
    expect(seqOrder(engine)).toEqual(['p']);
  });

  it('the first write of large attachment data, which loads code, commits in call order', async () => {
    const { adapter, engine } = await freshAdapter();
    const large = write(adapter, [withAttachment('x', Buffer.from('hi'))]);
    const plain = write(adapter, [{ _id: 'x', v: 2 }]);
    expect(await large).toMatchObject([{ ok: true, id: 'x' }]);
    expect(await plain).toMatchObject([{ status: 409, name: 'conflict' }]);
    expect(seqOrder(engine)).toEqual(['x']);
  });
});
