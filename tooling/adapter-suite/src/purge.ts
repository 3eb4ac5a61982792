import { expect } from 'vitest';
import {
  editChain,
  expectError,
  messageOf,
  okDocs,
  PouchErrors,
  rejectionOf,
  revPos,
  writeBranches,
} from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';

/** purge(docId, rev): removing a leaf as if it had never been written. */
export function purge(test: TestFn, ctx: SuiteContext): void {
  whole(test, ctx);
  branches(test, ctx);
  failures(test, ctx);
}

function whole(test: TestFn, ctx: SuiteContext): void {
  test(
    'purging the only leaf removes the document completely',
    async () => {
      const db = ctx.open();
      const revs = await editChain(db, 'a', 3);
      const res = await db.purge('a', revs[2]);
      expect(res).toEqual({
        ok: true,
        deletedRevs: [...revs].reverse(),
        documentWasRemovedCompletely: true,
      });
      await expectError(db.get('a'), { ...PouchErrors.MISSING_DOC, reason: 'missing' });
      expect((await db.allDocs()).rows).toEqual([]);
      expect((await db.info()).doc_count).toBe(0);
    },
    'purge',
  );

  test(
    'a purged document can be created again from scratch',
    async () => {
      const db = ctx.open();
      const one = await db.put({ _id: 'a', v: 1 });
      await db.purge('a', one.rev);
      const again = await db.put({ _id: 'a', v: 1 });
      expect(revPos(again.rev)).toBe(1);
      expect(await db.get('a', { open_revs: 'all' })).toHaveLength(1);
    },
    'purge',
  );

  test(
    'purge is recorded in _local/purges',
    async () => {
      const db = ctx.open();
      const a = await db.put({ _id: 'a' });
      const b = await db.put({ _id: 'b' });
      await db.purge('a', a.rev);
      expect(await db.get('_local/purges')).toMatchObject({
        purges: [{ docId: 'a', rev: a.rev, purgeSeq: 0 }],
        purgeSeq: 0,
      });
      await db.purge('b', b.rev);
      const log = await db.get('_local/purges');
      expect(log.purgeSeq).toBe(1);
      expect(log.purges).toEqual([
        { docId: 'a', rev: a.rev, purgeSeq: 0 },
        { docId: 'b', rev: b.rev, purgeSeq: 1 },
      ]);
    },
    'purge',
  );
}

function branches(test: TestFn, ctx: SuiteContext): void {
  test(
    'purging a losing leaf removes only its own branch',
    async () => {
      const db = ctx.open();
      await writeBranches(db, 'c', [{ hashes: ['a1', 'a2'] }, { hashes: ['b1'] }]);
      const res = await db.purge('c', '2-b1');
      expect(res).toEqual({ ok: true, deletedRevs: ['2-b1'], documentWasRemovedCompletely: false });
      expect(okDocs(await db.get('c', { open_revs: 'all' })).map((d) => d._rev)).toEqual(['3-a2']);
      expect((await db.get('c', { conflicts: true }))._conflicts).toBeUndefined();
    },
    'purge',
  );

  test(
    'purging the winning leaf makes the conflict win',
    async () => {
      const db = ctx.open();
      await writeBranches(db, 'c', [
        { hashes: ['a1', 'a2'], body: { side: 'a' } },
        { hashes: ['b1'], body: { side: 'b' } },
      ]);
      const res = await db.purge('c', '3-a2');
      expect(res).toEqual({
        ok: true,
        deletedRevs: ['3-a2', '2-a1'],
        documentWasRemovedCompletely: false,
      });
      expect(await db.get('c')).toEqual({ _id: 'c', _rev: '2-b1', side: 'b' });
      expect(await db.get('c', { open_revs: 'all' })).toEqual([
        { ok: { _id: 'c', _rev: '2-b1', side: 'b' } },
      ]);
      expect((await db.allDocs()).rows[0]?.value).toEqual({ rev: '2-b1' });
    },
    'purge',
  );

  test(
    'purging a live leaf whose conflict is deleted leaves a deleted document',
    async () => {
      const db = ctx.open();
      await writeBranches(db, 'c', [{ hashes: ['a1'] }, { hashes: ['b1'], deleted: true }]);
      await db.purge('c', '2-a1');
      await expectError(db.get('c'), { ...PouchErrors.MISSING_DOC, reason: 'deleted' });
      expect((await db.info()).doc_count).toBe(0);
    },
    'purge',
  );
}

function failures(test: TestFn, ctx: SuiteContext): void {
  test(
    'purging a revision that is not a leaf fails',
    async () => {
      const db = ctx.open();
      const revs = await editChain(db, 'a', 2);
      expect(messageOf(await rejectionOf(db.purge('a', revs[0])))).toBe(
        'The requested revision is not a leaf',
      );
      expect((await db.get('a'))._rev).toBe(revs[1]);
    },
    'purge',
  );

  test(
    'purging an unknown revision fails',
    async () => {
      const db = ctx.open();
      await db.put({ _id: 'a' });
      expect(messageOf(await rejectionOf(db.purge('a', '1-nope')))).toBe(
        'The requested revision does not exist',
      );
    },
    'purge',
  );

  test(
    'purging a missing document is 404',
    async () => {
      const db = ctx.open();
      await expectError(db.purge('ghost', '1-abc'), PouchErrors.MISSING_DOC);
    },
    'purge',
  );
}
