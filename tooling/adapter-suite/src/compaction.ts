import { expect } from 'vitest';
import {
  editChain,
  expectError,
  okDocs,
  PouchErrors,
  viaCallback,
  writeBranches,
} from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';

/** compact() and auto_compaction: old bodies go, leaves and history stay. */
export function compaction(test: TestFn, ctx: SuiteContext): void {
  manual(test, ctx);
  automatic(test, ctx);
}

function manual(test: TestFn, ctx: SuiteContext): void {
  test('compact answers {ok: true}, also through a callback', async () => {
    const db = ctx.open();
    expect(await db.compact()).toEqual({ ok: true });
    await db.put({ _id: 'a' });
    const res = await viaCallback((cb) => db.compact(cb));
    expect(res.err).toBeNull();
    expect(res.result).toEqual({ ok: true });
  });

  test(
    'after compact old revision bodies are gone but the history is kept',
    async () => {
      const db = ctx.open();
      const revs = await editChain(db, 'a', 3);
      await db.compact();
      await expectError(db.get('a', { rev: revs[0] }), PouchErrors.MISSING_DOC);
      await expectError(db.get('a', { rev: revs[1] }), PouchErrors.MISSING_DOC);
      const doc = await db.get('a', { revs: true, revs_info: true });
      expect(doc).toMatchObject({ _rev: revs[2], n: 2 });
      expect(doc._revisions?.ids).toHaveLength(3);
      expect(doc._revs_info).toEqual([
        { rev: revs[2], status: 'available' },
        { rev: revs[1], status: 'missing' },
        { rev: revs[0], status: 'missing' },
      ]);
    },
    'compaction',
  );

  test(
    'compact keeps every leaf, conflicts and tombstones included',
    async () => {
      const db = ctx.open();
      await writeBranches(db, 'c', [
        { hashes: ['a1', 'a2'], body: { side: 'a' } },
        { hashes: ['b1'], body: { side: 'b' } },
        { hashes: ['d1'], deleted: true },
      ]);
      const edit = await db.put({ _id: 'c', _rev: '2-b1', side: 'b2' });
      await db.compact();
      const leaves = okDocs(await db.get('c', { open_revs: 'all' }));
      expect(leaves).toEqual(
        [
          { _id: 'c', _rev: '2-d1', _deleted: true },
          { _id: 'c', _rev: '3-a2', side: 'a' },
          { _id: 'c', _rev: edit.rev, side: 'b2' },
        ].sort((x, y) => (x._rev < y._rev ? -1 : 1)),
      );
      await expectError(db.get('c', { rev: '2-b1' }), PouchErrors.MISSING_DOC);
    },
    'compaction',
  );

  test('compact changes no document, count or listing', async () => {
    const db = ctx.open();
    await editChain(db, 'a', 3);
    await editChain(db, 'b', 2);
    const one = await db.put({ _id: 'gone' });
    await db.remove('gone', one.rev);
    const before = {
      all: await db.allDocs({ include_docs: true }),
      count: (await db.info()).doc_count,
    };
    await db.compact();
    expect(await db.allDocs({ include_docs: true })).toEqual(before.all);
    expect((await db.info()).doc_count).toBe(before.count);
  });

  test(
    'compacting twice, and compacting after more edits, works',
    async () => {
      const db = ctx.open();
      const revs = await editChain(db, 'a', 2);
      await db.compact();
      await db.compact();
      const next = await db.put({ _id: 'a', _rev: revs[1], n: 9 });
      await db.compact();
      await expectError(db.get('a', { rev: revs[1] }), PouchErrors.MISSING_DOC);
      expect((await db.get('a'))._rev).toBe(next.rev);
    },
    'compaction',
  );
}

function automatic(test: TestFn, ctx: SuiteContext): void {
  test(
    'auto_compaction drops the previous body on every write',
    async () => {
      const db = ctx.open({ auto_compaction: true });
      const [r1, r2] = await editChain(db, 'a', 2);
      await expectError(db.get('a', { rev: r1 }), PouchErrors.MISSING_DOC);
      expect(await db.get('a')).toEqual({ _id: 'a', _rev: r2, n: 1 });
      expect((await db.info()).auto_compaction).toBe(true);
    },
    'autoCompaction',
  );

  test(
    'auto_compaction keeps conflicting leaves',
    async () => {
      const db = ctx.open({ auto_compaction: true });
      await writeBranches(db, 'c', [{ hashes: ['a1'] }, { hashes: ['b1'] }]);
      await db.put({ _id: 'c', _rev: '2-b1', more: true });
      const leaves = okDocs(await db.get('c', { open_revs: 'all' }));
      expect(leaves.map((d) => d._rev)).toEqual(['2-a1', expect.stringMatching(/^3-/)]);
    },
    'autoCompaction',
  );

  test('info reports auto_compaction false by default', async () => {
    const db = ctx.open();
    expect((await db.info()).auto_compaction).toBe(false);
  });
}
