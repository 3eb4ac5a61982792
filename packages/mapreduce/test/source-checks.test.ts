import { describe, expect, it } from 'vitest';
import { newDb, Satchel } from './helpers.js';

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
  it('answers from an up-to-date index without reading the source while it is unchanged', async () => {
    const db = newDb();
    await db.bulkDocs([DDOC, { _id: 'a', n: 1 }, { _id: 'b', n: 2 }]);
    expect(await keys(db)).toEqual([1, 2]);
    const calls = countCalls(db);
    expect(await keys(db)).toEqual([1, 2]);
    expect(await keys(db, { stale: 'ok' })).toEqual([1, 2]);
    // The design doc was read by the first query and nothing was written since.
    expect(calls).toEqual({ changes: 0, get: 0 });
    await db.put({ _id: 'c', n: 3 });
    expect(await keys(db)).toEqual([1, 2, 3]);
    // A write: the design doc is read again, and the index updated.
    expect(calls.get).toBeGreaterThan(0);
    expect(calls.changes).toBeGreaterThan(0);
    await db.destroy();
  });

  it('sees a design doc edited through another handle of the database', async () => {
    const db = newDb();
    const other = new Satchel(db.name, { adapter: 'memory' });
    await db.bulkDocs([DDOC, { _id: 'a', n: 1, m: 10 }]);
    expect(await keys(db)).toEqual([1]);
    const ddoc = await other.get<typeof DDOC>(DDOC._id);
    await other.put({ ...ddoc, views: { by_n: { map: 'function (doc) { emit(doc.m); }' } } });
    expect(await keys(db)).toEqual([10]);
    await other.remove(await other.get(DDOC._id));
    await expect(keys(db)).rejects.toMatchObject({ status: 404 });
    await db.destroy();
  });

  it("a stale query reads the index's seq only for update_seq, and answers the indexed one", async () => {
    // Patched before the databases exist: each handle binds its methods when made.
    const indexGets: string[] = [];
    const proto = Satchel.prototype as unknown as { get: (...args: unknown[]) => unknown };
    const original = proto.get;
    proto.get = function (this: Satchel, ...args: unknown[]) {
      if (this.name.includes('-mrview-')) indexGets.push(String(args[0]));
      return original.apply(this, args);
    };
    const db = newDb();
    try {
      await db.bulkDocs([DDOC, { _id: 'a', n: 1 }]);
      const built = await db.query('v/by_n', { update_seq: true });
      await db.put({ _id: 'b', n: 2 });
      indexGets.length = 0;
      const plain = await db.query('v/by_n', { stale: 'ok' });
      expect(plain).toMatchObject({ total_rows: 1, offset: 0 });
      expect(plain.update_seq).toBeUndefined();
      expect(indexGets).toEqual([]);
      const withSeq = await db.query('v/by_n', { stale: 'ok', update_seq: true });
      expect(withSeq.update_seq).toBe(built.update_seq);
      expect(indexGets).toEqual(['_local/lastSeq']);
      const fresh = await db.query('v/by_n', { update_seq: true });
      expect(fresh).toMatchObject({ total_rows: 2, update_seq: (await db.info()).update_seq });
    } finally {
      proto.get = original;
      await db.destroy();
    }
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
