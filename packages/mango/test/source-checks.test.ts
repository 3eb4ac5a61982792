import { describe, expect, it } from 'vitest';
import { newDb, Satchel } from './helpers.js';

/** Counts calls to the source's own `changes`, `get` and `allDocs` (what plugins use). */
function countCalls(db: Satchel): Record<'changes' | 'get' | 'allDocs', number> {
  const calls = { changes: 0, get: 0, allDocs: 0 };
  const target = db as unknown as Record<keyof typeof calls, (...args: unknown[]) => unknown>;
  for (const name of Object.keys(calls) as (keyof typeof calls)[]) {
    const original = target[name];
    target[name] = function (this: unknown, ...args: unknown[]) {
      calls[name]++;
      return original.apply(this, args);
    };
  }
  return calls;
}

const found = async (db: Satchel): Promise<unknown[]> =>
  (await db.find({ selector: { n: { $gte: 2 } } })).docs.map((d) => d._id);

describe('find over an up-to-date index', () => {
  it('reads only the documents found while the source is unchanged', async () => {
    const db = newDb();
    await db.bulkDocs([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
      { _id: 'c', n: 3 },
    ]);
    await db.createIndex({ index: { fields: ['n'] } });
    expect(await found(db)).toEqual(['b', 'c']);
    const calls = countCalls(db);
    expect(await found(db)).toEqual(['b', 'c']);
    // The design docs were read by the first find and nothing was written since: one allDocs,
    // of the documents found.
    expect(calls).toEqual({ changes: 0, get: 0, allDocs: 1 });
    await db.put({ _id: 'd', n: 4 });
    expect(await found(db)).toEqual(['b', 'c', 'd']);
    // A write: the design docs are read again (allDocs), and the index updated (changes).
    expect(calls.allDocs).toBe(3);
    expect(calls.changes).toBeGreaterThan(0);
    await db.destroy();
  });

  it('sees an index created or deleted through another handle of the database', async () => {
    const db = newDb();
    const other = new Satchel(db.name, { adapter: 'memory' });
    await db.bulkDocs([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
    ]);
    const selector = { n: { $gte: 2 } };
    expect((await db.find({ selector })).warning).toBeDefined();
    await other.createIndex({ index: { fields: ['n'] } });
    const indexed = await db.find({ selector });
    expect(indexed.warning).toBeUndefined();
    expect(indexed.docs.map((d) => d._id)).toEqual(['b']);
    const [index] = (await other.getIndexes()).indexes.filter((i) => i.ddoc !== null);
    await other.deleteIndex({ ddoc: index!.ddoc as string, name: index!.name });
    expect((await db.find({ selector })).warning).toBeDefined();
    await db.destroy();
  });
});
