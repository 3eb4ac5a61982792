import { describe, expect, it } from 'vitest';
import { newDb, Satchel } from './helpers.js';

const DDOC = {
  _id: '_design/v',
  views: { by_n: { map: 'function (doc) { emit(doc.n); }' } },
};

type AllDocs = (...args: unknown[]) => Promise<unknown>;

/**
 * Runs `test` while every index database's `allDocs` (a query's read of its rows) is tracked:
 * how many run at once at most. Patched before the databases exist: each handle binds its
 * methods when made.
 */
async function withIndexReads(
  test: (reads: { running: number; most: number; total: number }) => Promise<void>,
): Promise<void> {
  const reads = { running: 0, most: 0, total: 0 };
  const proto = Satchel.prototype as unknown as { allDocs: AllDocs };
  const original = proto.allDocs;
  proto.allDocs = async function (this: Satchel, ...args: unknown[]) {
    if (!this.name.includes('-mrview-')) return original.apply(this, args);
    reads.total++;
    reads.most = Math.max(reads.most, ++reads.running);
    try {
      return await original.apply(this, args);
    } finally {
      reads.running--;
    }
  };
  try {
    await test(reads);
  } finally {
    proto.allDocs = original;
  }
}

const keys = (res: { rows: { key: unknown }[] }) => res.rows.map((r) => r.key);

describe('queries of one view read its index side by side', () => {
  it.each(['memory', 'leveldb'] as const)(
    'five parallel queries on an up-to-date index (%s), stale or not, run together',
    async (storage) => {
      await withIndexReads(async (reads) => {
        const db = newDb(storage);
        await db.bulkDocs([DDOC, ...[1, 2, 3, 4, 5].map((n) => ({ _id: `d${n}`, n }))]);
        await db.query('v/by_n', { limit: 0 });
        for (const stale of [undefined, 'ok'] as const) {
          reads.most = 0;
          const results = await Promise.all(
            [1, 2, 3, 4, 5].map((n) => db.query('v/by_n', { startkey: n, limit: 2, stale })),
          );
          expect(results.map(keys)).toEqual([[1, 2], [2, 3], [3, 4], [4, 5], [5]]);
          expect(reads.most).toBe(5);
        }
        await db.destroy();
      });
    },
  );

  it('a query after a write updates alone; reads queued after an update wait for it', async () => {
    await withIndexReads(async (reads) => {
      const db = newDb();
      await db.bulkDocs([DDOC, { _id: 'a', n: 1 }]);
      await db.query('v/by_n');
      await db.put({ _id: 'b', n: 2 });
      reads.most = 0;
      const [stale, updating, fresh, afterUpdate] = await Promise.all([
        db.query('v/by_n', { stale: 'update_after' }),
        db.query('v/by_n'),
        db.query('v/by_n'),
        db.query('v/by_n', { stale: 'ok' }),
      ]);
      // The first read sees the index as it was; the update it queued, and the update-and-read
      // of the next query, run alone; the last two read the updated index.
      expect([stale, updating, fresh, afterUpdate].map(keys)).toEqual([
        [1],
        [1, 2],
        [1, 2],
        [1, 2],
      ]);
      expect(reads.most).toBe(1);
      await db.destroy();
    });
  });
});
