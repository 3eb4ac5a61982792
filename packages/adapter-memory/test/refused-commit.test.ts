import {
  type EngineBatch,
  type EngineVersion,
  isEngineConflict,
  LocalAdapter,
} from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { MemoryData } from '../src/memory-data.js';
import { MemoryEngine } from '../src/memory-engine.js';

/**
 * A memory engine over a store another engine shares, whose commit can be delayed by a hook:
 * a test slips the other writer's commit in between this writer's reads and its commit.
 */
class RacedEngine extends MemoryEngine {
  refused = 0;
  beforeCommit: (() => Promise<void>) | undefined;

  override async commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion> {
    const hook = this.beforeCommit;
    this.beforeCommit = undefined;
    if (hook) await hook();
    try {
      return await super.commit(batch, version);
    } catch (err) {
      if (isEngineConflict(err)) this.refused++;
      throw err;
    }
  }
}

function twoWriters() {
  const data = new MemoryData();
  const engineA = new RacedEngine(data);
  const engineB = new RacedEngine(data);
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

  it('a commit of _local docs only is checked against the version too', async () => {
    const { engineA, a, b } = twoWriters();
    engineA.beforeCommit = async () => {
      await b.bulkDocs([{ _id: '_local/cp', n: 'b' }], { new_edits: true });
    };
    const [row] = await a.bulkDocs([{ _id: '_local/cp', n: 'a' }], { new_edits: true });
    // The retry sees b's checkpoint, so a's (which gave no _rev) is a conflict, not a lost write.
    expect(engineA.refused).toBe(1);
    expect(row).toMatchObject({ status: 409, name: 'conflict' });
    expect(await a.get('_local/cp', {})).toMatchObject({ n: 'b' });
  });
});

/** An engine whose commits are refused with an error that is no EngineConflictError. */
class ForeignConflicts extends MemoryEngine {
  constructor(
    private refusals: number,
    private readonly error: () => unknown,
  ) {
    super();
  }
  attempts = 0;

  override async commit(batch: EngineBatch, version: EngineVersion): Promise<EngineVersion> {
    this.attempts++;
    if (this.refusals-- > 0) throw this.error();
    return super.commit(batch, version);
  }
}

describe('conflicts from another copy of core', () => {
  it.each([
    ['a plain object named EngineConflictError', () => ({ name: 'EngineConflictError' })],
    [
      'an Error with only the code',
      () => Object.assign(new Error('etag'), { code: 'SATCHEL_ENGINE_CONFLICT' }),
    ],
  ])('retries %s', async (_label, error) => {
    const engine = new ForeignConflicts(3, error);
    const adapter = new LocalAdapter(engine);
    const [row] = await adapter.bulkDocs([{ _id: 'a' }], { new_edits: true });
    expect(row).toMatchObject({ ok: true, id: 'a' });
    expect(engine.attempts).toBe(4);
  });

  it('does not retry other errors', async () => {
    const engine = new ForeignConflicts(1, () => new Error('disk full'));
    const adapter = new LocalAdapter(engine);
    await expect(adapter.bulkDocs([{ _id: 'a' }], { new_edits: true })).rejects.toThrow(
      'disk full',
    );
    expect(engine.attempts).toBe(1);
  });

  it('gives up after the retry timeout with a 409 and writes nothing', async () => {
    const engine = new ForeignConflicts(Number.POSITIVE_INFINITY, () => ({
      name: 'EngineConflictError',
    }));
    const adapter = new LocalAdapter(engine, {
      conflictRetry: { baseDelay: 1, maxDelay: 8, timeout: 100 },
    });
    const started = Date.now();
    const err = await adapter.bulkDocs([{ _id: 'a' }], { new_edits: true }).catch((e) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err).toMatchObject({ status: 409, name: 'conflict' });
    expect(err.reason).toMatch(/refused \d+ times in \d+ ms and was not applied/);
    // Backed off: far fewer attempts than a spinning loop would make in 100 ms.
    expect(engine.attempts).toBeGreaterThan(3);
    expect(engine.attempts).toBeLessThan(60);
    expect(await adapter.info()).toMatchObject({ doc_count: 0, update_seq: 0 });
  });
});

describe('outside writes reported by watch', () => {
  it('reach onChange listeners and info() of the other adapter', async () => {
    const data = new MemoryData();
    const a = new LocalAdapter(new MemoryEngine(data));
    const b = new LocalAdapter(new MemoryEngine(data));
    await Promise.all([a.ready(), b.ready()]);
    let heard = 0;
    a.onChange(() => heard++);
    await b.bulkDocs([{ _id: 'x' }], { new_edits: true });
    expect(await a.info()).toMatchObject({ doc_count: 1, update_seq: 1 });
    expect(heard).toBe(1);
    const feed = await a.changes({ since: 0 });
    expect(feed.results.map((c) => c.id)).toEqual(['x']);
  });

  it('stop after close', async () => {
    const data = new MemoryData();
    const a = new LocalAdapter(new MemoryEngine(data));
    const b = new LocalAdapter(new MemoryEngine(data));
    await Promise.all([a.ready(), b.ready()]);
    await a.close();
    expect(data.watchers.size).toBe(1);
    await b.bulkDocs([{ _id: 'x' }], { new_edits: true });
  });
});
