import { MemoryEngine } from '@satchel/adapter-memory';
import { type EngineBatch, type EngineVersion, isEngineConflict } from '@satchel/core';
import Satchel from '@satchel/node';

type Db = InstanceType<typeof Satchel>;

import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * Two `Satchel` instances of one memory database in one process. Each has its own LocalAdapter
 * and engine over the same data: they learn of each other's commits through the engine's
 * `watch`, and a commit made on stale state is refused and redone.
 */

let counter = 0;
const twoOnOneName = () => {
  const name = `shared-memory-${++counter}`;
  return [new Satchel(name, { adapter: 'memory' }), new Satchel(name, { adapter: 'memory' })];
};
// Counts refused commits, to show the race really happens (and is redone) in these tests.
let refused = 0;
const commit = MemoryEngine.prototype.commit;
MemoryEngine.prototype.commit = async function (batch: EngineBatch, version: EngineVersion) {
  try {
    return await commit.call(this, batch, version);
  } catch (err) {
    if (isEngineConflict(err)) refused++;
    throw err;
  }
};
afterAll(() => {
  MemoryEngine.prototype.commit = commit;
});

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('two instances over one memory store', () => {
  it("a live changes() on one sees the other's writes within one tick of the commit, once its reader is loaded", async () => {
    const [a, b] = twoOnOneName() as [Db, Db];
    const seen: string[] = [];
    const feed = a.changes({ live: true, since: 0 }).on('change', (c: { id: string }) => {
      seen.push(c.id);
    });
    // The feed's reader is loaded on first use; once one change came through (however long
    // that load takes), each later write must reach the other instance within one tick.
    await b.put({ _id: 'w' });
    await vi.waitFor(() => expect(seen).toEqual(['w']), { timeout: 10_000 });
    for (const id of ['x', 'y', 'z']) {
      await b.put({ _id: id });
      await nextTick();
      expect(seen).toContain(id);
    }
    expect(seen).toEqual(['w', 'x', 'y', 'z']);
    expect(await a.info()).toMatchObject({ doc_count: 4, update_seq: 4 });
    feed.cancel();
    await a.destroy();
  });

  it('concurrent bulkDocs from both, 4 × 500 writes, lose nothing', async () => {
    const [a, b] = twoOnOneName() as [Db, Db];
    refused = 0;
    const writer = async (db: Db, label: string) => {
      for (let i = 0; i < 500; i++) {
        const [row] = await db.bulkDocs([{ _id: `${label}-${String(i).padStart(3, '0')}`, i }]);
        expect(row).toMatchObject({ ok: true });
      }
    };
    // Plus one document both sides keep editing: a stale edit must come back as a 409.
    await a.put({ _id: 'counter', n: 0 });
    const bump = async (db: Db) => {
      for (let done = 0; done < 50; ) {
        const doc = await db.get<{ n: number }>('counter');
        try {
          await db.put({ ...doc, n: doc.n + 1 });
          done++;
        } catch (err) {
          expect(err).toMatchObject({ status: 409 });
        }
      }
    };
    await Promise.all([
      writer(a, 'a1'),
      writer(b, 'b1'),
      writer(a, 'a2'),
      writer(b, 'b2'),
      bump(a),
      bump(b),
    ]);
    expect(refused).toBeGreaterThan(0);
    const [docsA, docsB] = await Promise.all([a.allDocs(), b.allDocs()]);
    expect(docsA.total_rows).toBe(2001);
    expect(docsA).toEqual(docsB);
    expect((await a.get<{ n: number }>('counter')).n).toBe(100);
    const infoA = await a.info();
    expect(infoA).toMatchObject({ doc_count: 2001, update_seq: 2101 });
    expect(await b.info()).toMatchObject({ doc_count: 2001, update_seq: 2101 });
    const feed = await b.changes({ since: 0 });
    expect(feed.results).toHaveLength(2001);
    await a.destroy();
  });
});
