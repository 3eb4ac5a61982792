import { expect } from 'vitest';
import { editChain, writeBranches } from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';

/** bulkGet: replication's batched read. */
export function bulkGet(test: TestFn, ctx: SuiteContext): void {
  test('each requested revision comes back as {ok: doc}', async () => {
    const db = ctx.open();
    const [r1, r2] = await editChain(db, 'a', 2);
    const b = await db.put({ _id: 'b', v: 'b' });
    const res = await db.bulkGet({
      docs: [
        { id: 'a', rev: r1 },
        { id: 'b', rev: b.rev },
      ],
    });
    expect(res.results).toEqual([
      { id: 'a', docs: [{ ok: { _id: 'a', _rev: r1, n: 0 } }] },
      { id: 'b', docs: [{ ok: { _id: 'b', _rev: b.rev, v: 'b' } }] },
    ]);
    expect(r2).toBeDefined();
  });

  test('without a rev the winning revision is read', async () => {
    const db = ctx.open();
    const revs = await editChain(db, 'a', 2);
    const res = await db.bulkGet({ docs: [{ id: 'a' }] });
    expect(res.results).toEqual([{ id: 'a', docs: [{ ok: { _id: 'a', _rev: revs[1], n: 1 } }] }]);
  });

  test('revs: true adds _revisions', async () => {
    const db = ctx.open();
    const revs = await editChain(db, 'a', 2);
    const res = await db.bulkGet({ docs: [{ id: 'a', rev: revs[1] }], revs: true });
    const first = res.results[0]?.docs[0];
    expect(first && 'ok' in first ? first.ok._revisions?.start : undefined).toBe(2);
  });

  test('a missing document answers an error with reason "missing"', async () => {
    const db = ctx.open();
    const res = await db.bulkGet({ docs: [{ id: 'ghost', rev: '1-abc' }, { id: 'ghost2' }] });
    expect(res.results).toHaveLength(2);
    expect(res.results[0]).toMatchObject({ id: 'ghost' });
    expect(res.results[1]).toMatchObject({
      id: 'ghost2',
      docs: [{ error: { reason: 'missing' } }],
    });
  });

  test('an unknown revision of a known document answers {missing: rev}', async () => {
    const db = ctx.open();
    await db.put({ _id: 'a' });
    const res = await db.bulkGet({ docs: [{ id: 'a', rev: '9-nope' }] });
    expect(res.results).toEqual([{ id: 'a', docs: [{ missing: '9-nope' }] }]);
  });

  test('conflicting and deleted leaves can be read by rev', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [{ hashes: ['aaa'] }, { hashes: ['bbb'], deleted: true }]);
    const res = await db.bulkGet({
      docs: [
        { id: 'c', rev: '2-aaa' },
        { id: 'c', rev: '2-bbb' },
      ],
    });
    const docs = res.results.flatMap((r) => r.docs).flatMap((d) => ('ok' in d ? [d.ok] : []));
    expect(docs).toHaveLength(2);
    expect(docs).toContainEqual({ _id: 'c', _rev: '2-aaa' });
    expect(docs).toContainEqual({ _id: 'c', _rev: '2-bbb', _deleted: true });
  });

  test('an empty request answers no results', async () => {
    const db = ctx.open();
    expect(await db.bulkGet({ docs: [] })).toEqual({ results: [] });
  });
}
