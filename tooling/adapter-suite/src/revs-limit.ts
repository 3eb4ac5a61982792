import { expect } from 'vitest';
import { editChain, expectError, PouchErrors } from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';

const hashOf = (rev: string): string => rev.slice(rev.indexOf('-') + 1);

/** A replicated revision `start-h<start>` whose ancestry is `h<start>` … `h1`. */
function longHistory(id: string, start: number): Record<string, unknown> {
  const ids = Array.from({ length: start }, (_, i) => `h${start - i}`);
  return { _id: id, _rev: `${start}-h${start}`, _revisions: { start, ids } };
}

/** revs_limit: stemming of revision histories. */
export function revsLimit(test: TestFn, ctx: SuiteContext): void {
  test(
    'local edits keep only revs_limit revisions of history',
    async () => {
      const db = ctx.open({ revs_limit: 3 });
      const revs = await editChain(db, 'a', 6);
      const doc = await db.get('a', { revs: true, revs_info: true });
      expect(doc._revisions).toEqual({ start: 6, ids: revs.slice(3).reverse().map(hashOf) });
      expect(doc._revs_info?.map((r) => r.rev)).toEqual(revs.slice(3).reverse());
      await expectError(db.get('a', { rev: revs[0] }), PouchErrors.MISSING_DOC);
    },
    'revsLimit',
  );

  test(
    'revs_limit: 1 keeps only the leaf',
    async () => {
      const db = ctx.open({ revs_limit: 1 });
      const revs = await editChain(db, 'a', 3);
      expect((await db.get('a', { revs: true }))._revisions).toEqual({
        start: 3,
        ids: [hashOf(revs[2] ?? '')],
      });
    },
    'revsLimit',
  );

  test(
    'replicated histories longer than revs_limit are stemmed',
    async () => {
      const db = ctx.open({ revs_limit: 5 });
      await db.bulkDocs([longHistory('r', 20)], { new_edits: false });
      expect((await db.get('r', { revs: true }))._revisions).toEqual({
        start: 20,
        ids: ['h20', 'h19', 'h18', 'h17', 'h16'],
      });
    },
    'revsLimit',
  );

  test('the default keeps 1000 revisions', async () => {
    const db = ctx.open();
    await db.bulkDocs([longHistory('r', 1010)], { new_edits: false });
    const revisions = (await db.get('r', { revs: true }))._revisions;
    expect(revisions?.start).toBe(1010);
    expect(revisions?.ids).toHaveLength(1000);
    expect(revisions?.ids.at(-1)).toBe('h11');
  });

  test(
    'a history overlapping a stemmed tree extends it without a conflict',
    async () => {
      const db = ctx.open({ revs_limit: 3 });
      await db.bulkDocs([longHistory('r', 6)], { new_edits: false });
      await db.bulkDocs([longHistory('r', 8)], { new_edits: false });
      expect(await db.get('r', { open_revs: 'all' })).toHaveLength(1);
      expect((await db.get('r', { revs: true }))._revisions).toEqual({
        start: 8,
        ids: ['h8', 'h7', 'h6'],
      });
    },
    'revsLimit',
  );

  test(
    'each branch of a conflict is stemmed on its own',
    async () => {
      const db = ctx.open({ revs_limit: 2 });
      const base = { _id: 'c' };
      await db.bulkDocs(
        [
          { ...base, _rev: '4-aaa', _revisions: { start: 4, ids: ['aaa', 'a3', 'a2', 'root'] } },
          { ...base, _rev: '3-bbb', _revisions: { start: 3, ids: ['bbb', 'b2', 'root'] } },
        ],
        { new_edits: false },
      );
      const leaves = await db.get('c', { open_revs: 'all', revs: true });
      const revisions = leaves.flatMap((r) => ('ok' in r ? [r.ok._revisions] : []));
      expect(revisions).toHaveLength(2);
      expect(revisions).toContainEqual({ start: 4, ids: ['aaa', 'a3'] });
      expect(revisions).toContainEqual({ start: 3, ids: ['bbb', 'b2'] });
    },
    'revsLimit',
  );
}
