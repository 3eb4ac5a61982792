import {
  type AttachmentRecord,
  type DocRecord,
  type Engine,
  type EngineBatch,
  EngineConflictError,
  type EngineMeta,
  type IdRange,
  LocalAdapter,
  type LocalRecord,
  type RevBody,
  type RevRef,
  type SeqEntry,
  type SeqRange,
} from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { MemoryData } from '../src/memory-data.js';
import { MemoryEngine } from '../src/memory-engine.js';

/** A store two writers share, with a version each commit bumps (like an ETag on a file). */
interface SharedStore {
  data: MemoryData;
  version: number;
}

/**
 * An engine over a shared store that refuses a commit when the store changed since it last
 * loaded, as the Drive engine's ETag check does. `beforeCommit` lets a test slip another
 * writer's commit in between this writer's reads and its commit.
 */
class GuardedEngine implements Engine {
  private readonly inner: MemoryEngine;
  private loaded = 0;
  refused = 0;
  beforeCommit: (() => Promise<void>) | undefined;

  constructor(private readonly store: SharedStore) {
    this.inner = new MemoryEngine(store.data);
  }

  async open(): Promise<EngineMeta> {
    this.loaded = this.store.version;
    return { ...(await this.inner.open()) };
  }

  async reload(): Promise<EngineMeta> {
    return this.open();
  }

  async commit(batch: EngineBatch): Promise<void> {
    const hook = this.beforeCommit;
    this.beforeCommit = undefined;
    if (hook) await hook();
    if (this.store.version !== this.loaded) {
      this.refused++;
      throw new EngineConflictError('the store changed');
    }
    await this.inner.commit(batch);
    this.store.version++;
    this.loaded = this.store.version;
  }

  getDocs(ids: readonly string[]): Promise<(DocRecord | undefined)[]> {
    return this.inner.getDocs(ids);
  }
  getRevs(refs: readonly RevRef[]): Promise<(RevBody | undefined)[]> {
    return this.inner.getRevs(refs);
  }
  scanDocs(range: IdRange): Promise<DocRecord[]> {
    return this.inner.scanDocs(range);
  }
  scanSeqs(range: SeqRange): Promise<SeqEntry[]> {
    return this.inner.scanSeqs(range);
  }
  getLocal(id: string): Promise<LocalRecord | undefined> {
    return this.inner.getLocal(id);
  }
  getAttachment(digest: string): Promise<Uint8Array | undefined> {
    return this.inner.getAttachment(digest);
  }
  getAttachmentRecords(digests: readonly string[]): Promise<(AttachmentRecord | undefined)[]> {
    return this.inner.getAttachmentRecords(digests);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

function twoWriters() {
  const store: SharedStore = { data: new MemoryData(), version: 0 };
  const engineA = new GuardedEngine(store);
  const engineB = new GuardedEngine(store);
  return { engineA, a: new LocalAdapter(engineA), b: new LocalAdapter(engineB) };
}

const ok = (row: unknown) => row as { ok: true; id: string; rev: string };

describe('a refused commit is redone on fresh state', () => {
  it('an edit that lost the race to another writer becomes a 409, never a lost update', async () => {
    const { engineA, a, b } = twoWriters();
    const first = ok((await a.bulkDocs([{ _id: 'x', v: 1 }], { new_edits: true }))[0]);
    engineA.beforeCommit = async () => {
      const rows = await b.bulkDocs([{ _id: 'x', _rev: first.rev, v: 'from b' }], {
        new_edits: true,
      });
      expect(rows[0]).toMatchObject({ ok: true });
    };
    const [row] = await a.bulkDocs([{ _id: 'x', _rev: first.rev, v: 'from a' }], {
      new_edits: true,
    });
    expect(engineA.refused).toBe(1);
    expect(row).toMatchObject({ status: 409, name: 'conflict' });
    expect(await a.get('x', {})).toMatchObject({ v: 'from b' });
    expect(await a.get('x', { open_revs: 'all' })).toHaveLength(1);
  });

  it('an unrelated write is retried and lands after the other writer, with the next seq', async () => {
    const { engineA, a, b } = twoWriters();
    await a.bulkDocs([{ _id: 'x', v: 1 }], { new_edits: true });
    engineA.beforeCommit = async () => {
      await b.bulkDocs([{ _id: 'y', v: 'b' }], { new_edits: true });
    };
    const [row] = await a.bulkDocs([{ _id: 'z', v: 'a' }], { new_edits: true });
    expect(engineA.refused).toBe(1);
    expect(row).toMatchObject({ ok: true, id: 'z' });
    const info = await a.info();
    expect(info).toMatchObject({ doc_count: 3, update_seq: 3 });
    const feed = await a.changes({});
    expect(feed.results.map((c) => [c.id, c.seq])).toEqual([
      ['x', 1],
      ['y', 2],
      ['z', 3],
    ]);
  });
});
