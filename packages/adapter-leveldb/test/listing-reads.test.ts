import { changesPlugin } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import { MemoryLevel } from 'memory-level';
import { describe, expect, it } from 'vitest';
import { leveldbAdapter } from '../src/index.js';

/** abstract-level's point-read hooks, which `get`, `getSync` and `getMany` end in. */
type ReadHooks = Record<
  '_get' | '_getSync' | '_getMany',
  (key: unknown, ...rest: unknown[]) => unknown
>;

/**
 * A memory-level that counts the document entries (`!d!` keys) its point reads fetch: the
 * reads a listing should not repeat after scanning.
 */
function countingLevel(): { level: MemoryLevel<string, string>; reads: { count: number } } {
  const level = new MemoryLevel<string, string>();
  const reads = { count: 0 };
  const hooks = level as unknown as ReadHooks;
  for (const name of ['_get', '_getSync', '_getMany'] as const) {
    const original = hooks[name].bind(level);
    hooks[name] = (key, ...rest) => {
      for (const k of Array.isArray(key) ? key : [key])
        if (String(k).startsWith('!d!')) reads.count++;
      return original(key, ...rest);
    };
  }
  return { level, reads };
}

Satchel.adapter('leveldb', leveldbAdapter);
Satchel.plugin(changesPlugin);

async function filled(n: number): Promise<{ db: Satchel; reads: { count: number } }> {
  const { level, reads } = countingLevel();
  const db = new Satchel(`listing-${Math.random()}`, { adapter: 'leveldb', level: () => level });
  const docs = Array.from({ length: n }, (_, i) => ({ _id: `d${String(i).padStart(5, '0')}`, i }));
  await db.bulkDocs(docs);
  return { db, reads };
}

describe('listings with include_docs read each scanned document entry once', () => {
  it('allDocs over 1,200 documents (three pages) reads no entry again for the bodies', async () => {
    const { db, reads } = await filled(1200);
    reads.count = 0;
    const res = await db.allDocs({ include_docs: true });
    expect(res.rows).toHaveLength(1200);
    expect(res.rows[1199]?.doc).toMatchObject({ _id: 'd01199', i: 1199 });
    expect(reads.count).toBe(0);
    await db.destroy();
  });

  it('the same descending, with deleted documents among those scanned', async () => {
    const { db, reads } = await filled(1200);
    const gone = await db.allDocs({ startkey: 'd00100', endkey: 'd00149' });
    await db.bulkDocs(
      gone.rows.map((row) => ({ _id: row.id, _rev: row.value.rev, _deleted: true })),
    );
    reads.count = 0;
    const res = await db.allDocs({ include_docs: true, descending: true });
    expect(res.rows).toHaveLength(1150);
    expect(res.rows.map((row) => (row.doc as { i?: number } | undefined)?.i)).toEqual(
      Array.from({ length: 1200 }, (_, i) => 1199 - i).filter((i) => i < 100 || i >= 150),
    );
    expect(reads.count).toBe(0);
    await db.destroy();
  });

  it('changes over 1,200 documents reads each entry once, by seq, and no more', async () => {
    const { db, reads } = await filled(1200);
    reads.count = 0;
    const res = await db.changes({ since: 0, include_docs: true });
    expect(res.results).toHaveLength(1200);
    expect(res.results[1199]?.doc).toMatchObject({ _id: 'd01199', i: 1199 });
    expect(reads.count).toBe(1200);
    await db.destroy();
  });
});
