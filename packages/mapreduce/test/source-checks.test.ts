import { describe, expect, it } from 'vitest';
import { newDb, type Satchel } from './helpers.js';

const DDOC = {
  _id: '_design/v',
  views: { by_n: { map: 'function (doc) { emit(doc.n); }' } },
};

/** Counts calls to the source's own `changes` and `get` (the instance methods plugins use). */
function countCalls(db: Satchel): { changes: number; get: number } {
  const calls = { changes: 0, get: 0 };
  const target = db as unknown as Record<'changes' | 'get', (...args: unknown[]) => unknown>;
  for (const name of ['changes', 'get'] as const) {
    const original = target[name];
    target[name] = function (this: unknown, ...args: unknown[]) {
      calls[name]++;
      return original.apply(this, args);
    };
  }
  return calls;
}

const keys = async (db: Satchel, opts: object = {}): Promise<unknown[]> =>
  (await db.query('v/by_n', opts)).rows.map((r) => r.key);

describe('persistent views and the source database', () => {
  it('answers from an up-to-date index with one read of the source (the design doc)', async () => {
    const db = newDb();
    await db.bulkDocs([DDOC, { _id: 'a', n: 1 }, { _id: 'b', n: 2 }]);
    expect(await keys(db)).toEqual([1, 2]);
    const calls = countCalls(db);
    expect(await keys(db)).toEqual([1, 2]);
    expect(calls).toEqual({ changes: 0, get: 1 });
    await db.put({ _id: 'c', n: 3 });
    expect(await keys(db)).toEqual([1, 2, 3]);
    expect(calls.changes).toBeGreaterThan(0);
    await db.destroy();
  });

  it("skips every index update with stale: 'ok', and catches up after with update_after", async () => {
    const db = newDb();
    await db.bulkDocs([DDOC, { _id: 'a', n: 1 }]);
    await keys(db);
    await db.put({ _id: 'b', n: 2 });
    const calls = countCalls(db);
    expect(await keys(db, { stale: 'ok' })).toEqual([1]);
    expect(calls.changes).toBe(0);
    expect(await keys(db, { stale: 'update_after' })).toEqual([1]);
    expect(await keys(db, { stale: 'ok' })).toEqual([1, 2]);
    await db.destroy();
  });

  it('re-maps after a purge, which moves no sequence', async () => {
    const db = newDb();
    const [, a] = await db.bulkDocs([DDOC, { _id: 'a', n: 1 }, { _id: 'b', n: 2 }]);
    expect(await keys(db)).toEqual([1, 2]);
    await db.purge('a', (a as { rev: string }).rev);
    expect(await keys(db)).toEqual([2]);
    await db.destroy();
  });
});
