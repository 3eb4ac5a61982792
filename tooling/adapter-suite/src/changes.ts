import { expect } from 'vitest';
import { nextEvent, viaCallback, writeBranches } from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';
import type { ChangeRow, ChangesFeed, ChangesResult, SuiteDatabase } from './types.js';

/** The database's changes feed, when the constructor has one. */
export function changes(test: TestFn, ctx: SuiteContext): void {
  oneShot(test, ctx);
  options(test, ctx);
  filters(test, ctx);
  feeds(test, ctx);
}

function feedOf(db: SuiteDatabase, opts?: object): ChangesFeed {
  if (typeof db.changes !== 'function') throw new Error('this database has no changes()');
  return db.changes(opts);
}

const run = async (db: SuiteDatabase, opts?: object): Promise<ChangesResult> => feedOf(db, opts);
const idsOf = (rows: ChangeRow[]): string[] => rows.map((r) => r.id);

/** a, b, c written in that order, then a updated and b deleted: seqs 1..5. */
async function seed(ctx: SuiteContext): Promise<SuiteDatabase> {
  const db = ctx.open();
  const [a, b] = await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }]);
  await db.put({ _id: 'a', _rev: a?.rev, v: 2 });
  await db.remove('b', b?.rev);
  return db;
}

function oneShot(test: TestFn, ctx: SuiteContext): void {
  test('one row per document at its latest seq, in seq order', async () => {
    const db = await seed(ctx);
    const res = await run(db);
    expect(idsOf(res.results)).toEqual(['c', 'a', 'b']);
    expect(res.results.map((r) => Number(r.seq))).toEqual([3, 4, 5]);
    expect(res.last_seq).toEqual(res.results[2]?.seq);
    const a = await db.get('a');
    expect(res.results[1]).toEqual({
      id: 'a',
      seq: res.results[1]?.seq,
      changes: [{ rev: a._rev }],
    });
  });

  test('deleted documents carry deleted: true', async () => {
    const db = await seed(ctx);
    const b = (await run(db)).results.find((r) => r.id === 'b');
    expect(b?.deleted).toBe(true);
    expect(b?.changes[0]?.rev).toMatch(/^2-/);
  });

  test('an empty database has no changes and last_seq 0', async () => {
    const db = ctx.open();
    const res = await run(db);
    expect(res.results).toEqual([]);
    expect(Number(res.last_seq)).toBe(0);
  });

  test('edits of one id in one bulkDocs take consecutive seqs, ids in order of first appearance', async () => {
    const db = ctx.open();
    await db.bulkDocs([{ _id: 'a', _deleted: true }, { _id: 'c' }, { _id: 'a', back: true }]);
    const res = await run(db);
    expect(res.results.map((r) => [r.id, Number(r.seq)])).toEqual([
      ['a', 2],
      ['c', 3],
    ]);
  });

  test('local documents are not in the feed', async () => {
    const db = ctx.open();
    await db.put({ _id: '_local/x' });
    await db.put({ _id: 'y' });
    expect(idsOf((await run(db)).results)).toEqual(['y']);
  });
}

function options(test: TestFn, ctx: SuiteContext): void {
  test('since skips changes at or before that seq', async () => {
    const db = await seed(ctx);
    expect(idsOf((await run(db, { since: 3 })).results)).toEqual(['a', 'b']);
    expect((await run(db, { since: 5 })).results).toEqual([]);
  });

  test('limit caps the rows; limit 0 answers one row', async () => {
    const db = await seed(ctx);
    const res = await run(db, { limit: 2 });
    expect(idsOf(res.results)).toEqual(['c', 'a']);
    expect(res.last_seq).toEqual(res.results[1]?.seq);
    expect((await run(db, { limit: 0 })).results).toHaveLength(1);
  });

  test('descending lists newest first', async () => {
    const db = await seed(ctx);
    const res = await run(db, { descending: true });
    expect(idsOf(res.results)).toEqual(['b', 'a', 'c']);
    expect(res.last_seq).toEqual(res.results[2]?.seq);
  });

  test('include_docs adds each winning document; deletions as tombstones', async () => {
    const db = await seed(ctx);
    const rows = (await run(db, { include_docs: true })).results;
    expect(rows.find((r) => r.id === 'a')?.doc).toEqual(await db.get('a'));
    expect(rows.find((r) => r.id === 'b')?.doc).toMatchObject({ _id: 'b', _deleted: true });
  });

  test('style all_docs lists every leaf; conflicts adds _conflicts to docs', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [{ hashes: ['aaa'] }, { hashes: ['bbb'] }]);
    const [main] = (await run(db)).results;
    expect(main?.changes).toEqual([{ rev: '2-bbb' }]);
    const [all] = (await run(db, { style: 'all_docs' })).results;
    expect(all?.changes.map((c) => c.rev).sort()).toEqual(['2-aaa', '2-bbb']);
    const [withDoc] = (await run(db, { include_docs: true, conflicts: true })).results;
    expect(withDoc?.doc).toEqual({ _id: 'c', _rev: '2-bbb', _conflicts: ['2-aaa'] });
  });
}

function filters(test: TestFn, ctx: SuiteContext): void {
  test('doc_ids keeps only those documents', async () => {
    const db = await seed(ctx);
    expect(idsOf((await run(db, { doc_ids: ['a', 'zzz', 'c'] })).results)).toEqual(['c', 'a']);
  });

  test('a filter function keeps matching changes; last_seq still covers the whole feed', async () => {
    const db = await seed(ctx);
    const res = await run(db, { filter: (doc: { _id: string }) => doc._id !== 'a' });
    expect(idsOf(res.results)).toEqual(['c', 'b']);
    expect(Number(res.last_seq)).toBe(5);
  });

  test('a selector keeps matching documents', async () => {
    const db = await seed(ctx);
    expect(idsOf((await run(db, { selector: { v: 2 } })).results)).toEqual(['a']);
  });
}

function feeds(test: TestFn, ctx: SuiteContext): void {
  test('the feed emits change events and complete, and takes a callback', async () => {
    const db = await seed(ctx);
    const seen: string[] = [];
    const feed = feedOf(db);
    feed.on('change', ((row: ChangeRow) => seen.push(row.id)) as (...args: never[]) => void);
    const [done] = await nextEvent<[ChangesResult]>(feed, 'complete');
    expect(seen).toEqual(['c', 'a', 'b']);
    expect(idsOf(done.results)).toEqual(seen);
    const viaCb = await viaCallback<ChangesResult>((cb) =>
      feedOf(db).on('complete', ((res: ChangesResult) => cb(null, res)) as (
        ...args: never[]
      ) => void),
    );
    expect(idsOf(viaCb.result?.results ?? [])).toEqual(seen);
    const withCallback = await viaCallback<ChangesResult>((cb) => db.changes?.({}, cb));
    expect(idsOf(withCallback.result?.results ?? [])).toEqual(seen);
  });

  test('a live feed reports later writes until cancelled', async () => {
    const db = ctx.open();
    await db.put({ _id: 'before' });
    const feed = feedOf(db, { live: true, since: 'now' });
    const seen: string[] = [];
    feed.on('change', ((row: ChangeRow) => seen.push(row.id)) as (...args: never[]) => void);
    const complete = nextEvent<[ChangesResult]>(feed, 'complete');
    await db.put({ _id: 'after-1' });
    await db.put({ _id: 'after-2' });
    for (let i = 0; i < 100 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual(['after-1', 'after-2']);
    feed.cancel();
    const [res] = await complete;
    expect(res).toMatchObject({ status: 'cancelled' });
  });

  test('since: "now" starts at the current update_seq', async () => {
    const db = await seed(ctx);
    const res = await run(db, { since: 'now' });
    expect(res.results).toEqual([]);
    expect(Number(res.last_seq)).toBe(5);
  });
}
