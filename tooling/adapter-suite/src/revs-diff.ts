import { expect } from 'vitest';
import { editChain, viaCallback, writeBranches } from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';

/** revsDiff: which revisions the database lacks. */
export function revsDiff(test: TestFn, ctx: SuiteContext): void {
  test('every revision of an unknown document is missing', async () => {
    const db = ctx.open();
    expect(await db.revsDiff({ ghost: ['1-a', '2-b'] })).toEqual({
      ghost: { missing: ['1-a', '2-b'] },
    });
  });

  test('known revisions are not reported; fully known documents are left out', async () => {
    const db = ctx.open();
    const revs = await editChain(db, 'a', 2);
    const b = await db.put({ _id: 'b' });
    const res = await db.revsDiff({ a: [revs[0], revs[1], '3-new'], b: [b.rev] });
    expect(res).toMatchObject({ a: { missing: ['3-new'] } });
    expect(Object.keys(res)).toEqual(['a']);
  });

  test('deleted leaves and conflicting leaves are known', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [{ hashes: ['aaa'] }, { hashes: ['bbb'], deleted: true }]);
    const res = await db.revsDiff({ c: ['2-aaa', '2-bbb', '2-ccc'] });
    expect(res).toMatchObject({ c: { missing: ['2-ccc'] } });
  });

  test('an empty request answers {}', async () => {
    const db = ctx.open();
    expect(await db.revsDiff({})).toEqual({});
  });

  test('ancestors known only by id (replicated in without bodies) are reported missing', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [{ hashes: ['aaa'] }]);
    expect(await db.revsDiff({ c: ['1-root', '2-aaa'] })).toMatchObject({
      c: { missing: ['1-root'] },
    });
  });

  test(
    'revisions whose bodies were compacted away are reported missing',
    async () => {
      const db = ctx.open();
      const revs = await editChain(db, 'a', 2);
      await db.compact();
      expect(await db.revsDiff({ a: revs })).toMatchObject({ a: { missing: [revs[0]] } });
    },
    'compaction',
  );

  test('revsDiff takes a callback', async () => {
    const db = ctx.open();
    const res = await viaCallback((cb) => db.revsDiff({ x: ['1-a'] }, cb));
    expect(res.result).toEqual({ x: { missing: ['1-a'] } });
  });
}
