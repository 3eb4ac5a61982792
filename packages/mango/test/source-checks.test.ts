import { describe, expect, it } from 'vitest';
import { newDb, type Satchel } from './helpers.js';

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
  it('checks the source once (its design docs), then reads only the documents found', async () => {
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
    // One allDocs of the design docs (the check) and one of the documents found.
    expect(calls).toEqual({ changes: 0, get: 0, allDocs: 2 });
    await db.put({ _id: 'd', n: 4 });
    expect(await found(db)).toEqual(['b', 'c', 'd']);
    expect(calls.changes).toBeGreaterThan(0);
    await db.destroy();
  });
});
