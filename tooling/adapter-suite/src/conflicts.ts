import { expect } from 'vitest';
import { expectError, okDocs, PouchErrors, revPos, writeBranches } from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';

/** The winning-revision rules and conflict handling. */
export function conflicts(test: TestFn, ctx: SuiteContext): void {
  winner(test, ctx);
  editing(test, ctx);
  deletedBranches(test, ctx);
}

function winner(test: TestFn, ctx: SuiteContext): void {
  test('the longest live branch wins', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [
      { hashes: ['zzz'], body: { side: 'short' } },
      { hashes: ['aaa', 'bbb'], body: { side: 'long' } },
    ]);
    expect(await db.get('c', { conflicts: true })).toEqual({
      _id: 'c',
      _rev: '3-bbb',
      side: 'long',
      _conflicts: ['2-zzz'],
    });
  });

  test('at equal length the greater rev id wins', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [{ hashes: ['b0'] }, { hashes: ['a9'] }, { hashes: ['b1'] }]);
    const doc = await db.get('c', { conflicts: true });
    expect(doc._rev).toBe('2-b1');
    expect([...(doc._conflicts ?? [])].sort()).toEqual(['2-a9', '2-b0']);
  });

  test('a live leaf beats a longer deleted branch', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [{ hashes: ['aaa'] }, { hashes: ['x', 'y', 'z'], deleted: true }]);
    const doc = await db.get('c', { conflicts: true });
    expect(doc._rev).toBe('2-aaa');
    expect(doc._conflicts).toBeUndefined();
    expect((await db.info()).doc_count).toBe(1);
  });

  test('the same winner is reported by get, allDocs and open_revs', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [{ hashes: ['p'] }, { hashes: ['q'] }]);
    expect((await db.get('c'))._rev).toBe('2-q');
    expect((await db.allDocs()).rows[0]?.value?.rev).toBe('2-q');
    expect(okDocs(await db.get('c', { open_revs: 'all' })).map((d) => d._rev)).toEqual([
      '2-p',
      '2-q',
    ]);
  });

  test('a replicated branch on a locally edited document makes a conflict', async () => {
    const db = ctx.open();
    const local = await db.put({ _id: 'doc', v: 'local' });
    const root = local.rev.split('-')[1] ?? '';
    const remote = { _id: 'doc', _rev: '1-ffffffffffffffffffffffffffffffff', v: 'remote' };
    await db.bulkDocs([remote], { new_edits: false });
    const doc = await db.get('doc', { conflicts: true });
    const winnerRev = root > 'ffffffffffffffffffffffffffffffff' ? local.rev : remote._rev;
    expect(doc._rev).toBe(winnerRev);
    expect(doc._conflicts).toHaveLength(1);
  });
}

function editing(test: TestFn, ctx: SuiteContext): void {
  test('deleting the winner promotes the conflicting branch', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [
      { hashes: ['aaa'], body: { side: 'a' } },
      { hashes: ['bbb'], body: { side: 'b' } },
    ]);
    const del = await db.remove('c', '2-bbb');
    expect(revPos(del.rev)).toBe(3);
    expect(await db.get('c', { conflicts: true })).toEqual({ _id: 'c', _rev: '2-aaa', side: 'a' });
    expect((await db.info()).doc_count).toBe(1);
  });

  test('a losing leaf can be edited, and may then win', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [{ hashes: ['aaa'] }, { hashes: ['bbb'] }]);
    const edit = await db.put({ _id: 'c', _rev: '2-aaa', edited: true });
    expect(revPos(edit.rev)).toBe(3);
    expect(await db.get('c', { conflicts: true })).toEqual({
      _id: 'c',
      _rev: edit.rev,
      edited: true,
      _conflicts: ['2-bbb'],
    });
  });

  test('an edit of a non-leaf revision is a 409', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [{ hashes: ['aaa', 'bbb'] }]);
    await expectError(db.put({ _id: 'c', _rev: '2-aaa' }), PouchErrors.REV_CONFLICT);
    await expectError(db.put({ _id: 'c', _rev: '1-root' }), PouchErrors.REV_CONFLICT);
  });

  test('put with force: true branches from a stale revision instead of conflicting', async () => {
    const db = ctx.open();
    const one = await db.put({ _id: 'f', v: 1 });
    const two = await db.put({ _id: 'f', _rev: one.rev, v: 2 });
    const forced = await db.put({ _id: 'f', _rev: one.rev, v: 'forced' }, { force: true });
    expect(forced).toMatchObject({ ok: true, id: 'f', rev: expect.stringMatching(/^2-/) });
    const leaves = okDocs(await db.get('f', { open_revs: 'all' }));
    expect(leaves.map((d) => d._rev).sort()).toEqual([two.rev, forced.rev].sort());
    expect(leaves.find((d) => d._rev === forced.rev)?.v).toBe('forced');
  });

  test('removing every losing leaf resolves the conflict', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [{ hashes: ['a'] }, { hashes: ['b'] }, { hashes: ['c'] }]);
    const doc = await db.get('c', { conflicts: true });
    for (const rev of doc._conflicts ?? []) await db.remove('c', rev);
    const after = await db.get('c', { conflicts: true });
    expect(after._rev).toBe('2-c');
    expect(after._conflicts).toBeUndefined();
    expect(await db.get('c', { open_revs: 'all' })).toHaveLength(3);
  });
}

function deletedBranches(test: TestFn, ctx: SuiteContext): void {
  test('when every leaf is deleted the document is deleted', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [{ hashes: ['aaa'] }, { hashes: ['bbb'] }]);
    await db.remove('c', '2-aaa');
    await db.remove('c', '2-bbb');
    await expectError(db.get('c'), { ...PouchErrors.MISSING_DOC, reason: 'deleted' });
    expect((await db.info()).doc_count).toBe(0);
    expect((await db.allDocs()).rows).toEqual([]);
    expect(okDocs(await db.get('c', { open_revs: 'all' })).every((d) => d._deleted)).toBe(true);
  });

  test('deleted branches are not reported as _conflicts', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [
      { hashes: ['aaa'] },
      { hashes: ['bbb'], deleted: true },
      { hashes: ['ccc'] },
    ]);
    expect((await db.get('c', { conflicts: true }))._conflicts).toEqual(['2-aaa']);
  });

  test('re-creating a deleted document without a rev extends the deleted winner', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [{ hashes: ['aaa', 'bbb'], deleted: true }]);
    const res = await db.put({ _id: 'c', back: true });
    expect(revPos(res.rev)).toBe(4);
    const doc = await db.get('c', { revs: true });
    expect(doc._revisions?.ids.slice(1)).toEqual(['bbb', 'aaa', 'root']);
  });

  test('an edit of a non-leaf revision is a 409 even when it recreates an existing revision', async () => {
    const db = ctx.open();
    const one = await db.put({ _id: 'live' });
    await db.put({ _id: 'live', _rev: one.rev });
    await expectError(db.put({ _id: 'live', _rev: one.rev }), PouchErrors.REV_CONFLICT);
    const first = await db.put({ _id: 'dead' });
    const second = await db.put({ _id: 'dead', _rev: first.rev });
    const del = await db.remove('dead', second.rev);
    const before = await db.info();
    await expectError(db.put({ _id: 'dead', _rev: first.rev }), PouchErrors.REV_CONFLICT);
    expect(await db.get('dead', { open_revs: 'all' })).toEqual([
      { ok: { _id: 'dead', _rev: del.rev, _deleted: true } },
    ]);
    expect((await db.info()).update_seq).toEqual(before.update_seq);
  });

  test('a deleted winner with a live conflict: the live leaf wins', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [{ hashes: ['aaa'] }, { hashes: ['zzz'] }]);
    await db.remove('c', '2-zzz');
    expect((await db.get('c'))._rev).toBe('2-aaa');
    expect((await db.allDocs({ keys: ['c'] })).rows[0]?.value).toEqual({ rev: '2-aaa' });
  });
}
