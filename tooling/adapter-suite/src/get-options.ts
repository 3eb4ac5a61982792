import { expect } from 'vitest';
import {
  editChain,
  expectError,
  okDocs,
  PouchErrors,
  sortOpenRevs,
  writeBranches,
} from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';

/** get's options: rev, revs, revs_info, open_revs, conflicts, latest. */
export function getOptions(test: TestFn, ctx: SuiteContext): void {
  revOption(test, ctx);
  history(test, ctx);
  openRevs(test, ctx);
  conflictsAndLatest(test, ctx);
}

const hashOf = (rev: string): string => rev.slice(rev.indexOf('-') + 1);

function revOption(test: TestFn, ctx: SuiteContext): void {
  test('rev reads an older revision while it is not compacted', async () => {
    const db = ctx.open();
    const [r1, r2] = await editChain(db, 'a', 3);
    expect(await db.get('a', { rev: r1 })).toEqual({ _id: 'a', _rev: r1, n: 0 });
    expect(await db.get('a', { rev: r2 })).toEqual({ _id: 'a', _rev: r2, n: 1 });
  });

  test('rev of an unknown revision is 404 missing', async () => {
    const db = ctx.open();
    await db.put({ _id: 'a' });
    await expectError(db.get('a', { rev: '1-0000' }), PouchErrors.MISSING_DOC);
    await expectError(db.get('a', { rev: '9-abc' }), PouchErrors.MISSING_DOC);
    await expectError(db.get('nodoc', { rev: '1-abc' }), PouchErrors.MISSING_DOC);
  });

  test('rev of a deleted leaf reads the tombstone', async () => {
    const db = ctx.open();
    const [r1] = await editChain(db, 'a', 1);
    const del = await db.remove('a', r1);
    expect(await db.get('a', { rev: del.rev })).toEqual({
      _id: 'a',
      _rev: del.rev,
      _deleted: true,
    });
  });
}

function history(test: TestFn, ctx: SuiteContext): void {
  test('revs: true adds _revisions, newest first', async () => {
    const db = ctx.open();
    const revs = await editChain(db, 'a', 4);
    const doc = await db.get('a', { revs: true });
    expect(doc._revisions).toEqual({ start: 4, ids: revs.map(hashOf).reverse() });
  });

  test('revs: true with rev gives the ancestry of that revision', async () => {
    const db = ctx.open();
    const revs = await editChain(db, 'a', 4);
    const doc = await db.get('a', { rev: revs[1], revs: true });
    expect(doc._revisions).toEqual({
      start: 2,
      ids: [hashOf(revs[1] ?? ''), hashOf(revs[0] ?? '')],
    });
  });

  test('revs_info lists every ancestor with its status', async () => {
    const db = ctx.open();
    const revs = await editChain(db, 'a', 3);
    const doc = await db.get('a', { revs_info: true });
    expect(doc._revs_info).toEqual(revs.reverse().map((rev) => ({ rev, status: 'available' })));
    expect(doc._revisions).toBeUndefined();
  });

  test('without revs options no _revisions or _revs_info appear', async () => {
    const db = ctx.open();
    await editChain(db, 'a', 2);
    const doc = await db.get('a');
    expect(Object.keys(doc).sort()).toEqual(['_id', '_rev', 'n']);
  });
}

function openRevs(test: TestFn, ctx: SuiteContext): void {
  test('open_revs "all" returns every leaf, deleted ones included', async () => {
    const db = ctx.open();
    const [live, dead] = await writeBranches(db, 'c', [
      { hashes: ['aaa'] },
      { hashes: ['bbb'], deleted: true },
    ]);
    const docs = okDocs(await db.get('c', { open_revs: 'all' }));
    expect(docs).toEqual([
      { _id: 'c', _rev: live },
      { _id: 'c', _rev: dead, _deleted: true },
    ]);
  });

  test('open_revs with a list returns those revisions and {missing} for unknown ones', async () => {
    const db = ctx.open();
    const [r1, r2] = await editChain(db, 'a', 2);
    const res = sortOpenRevs(await db.get('a', { open_revs: [r2, '5-nope', r1] }));
    expect(res).toEqual(
      sortOpenRevs([
        { ok: { _id: 'a', _rev: r2 ?? '', n: 1 } },
        { missing: '5-nope' },
        { ok: { _id: 'a', _rev: r1 ?? '', n: 0 } },
      ]),
    );
  });

  test('open_revs with revs: true adds _revisions to each', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [{ hashes: ['aaa', 'bbb'] }, { hashes: ['ccc'] }]);
    const docs = okDocs(await db.get('c', { open_revs: 'all', revs: true }));
    expect(docs.map((d) => d._revisions)).toEqual([
      { start: 2, ids: ['ccc', 'root'] },
      { start: 3, ids: ['bbb', 'aaa', 'root'] },
    ]);
  });

  test('open_revs "all" of a missing document is 404; a list answers {missing}', async () => {
    const db = ctx.open();
    await expectError(db.get('nodoc', { open_revs: 'all' }), PouchErrors.MISSING_DOC);
    expect(await db.get('nodoc', { open_revs: ['1-abc'] })).toEqual([{ missing: '1-abc' }]);
  });

  test('open_revs with a malformed rev is 400 Invalid rev format', async () => {
    const db = ctx.open();
    await db.put({ _id: 'a' });
    await expectError(db.get('a', { open_revs: ['abc'] }), PouchErrors.INVALID_REV);
  });

  test('open_revs that is neither "all" nor a list is 500 unknown_error function_clause', async () => {
    const db = ctx.open();
    await db.put({ _id: 'a' });
    for (const bad of [5, 'some', { rev: 'x' }]) {
      await expectError(db.get('a', { open_revs: bad }), {
        ...PouchErrors.UNKNOWN_ERROR,
        reason: 'function_clause',
      });
    }
  });

  test('open_revs: [] answers []', async () => {
    const db = ctx.open();
    await db.put({ _id: 'a' });
    expect(await db.get('a', { open_revs: [] })).toEqual([]);
  });
}

function conflictsAndLatest(test: TestFn, ctx: SuiteContext): void {
  test('conflicts: true lists losing live leaves; absent when there are none', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [
      { hashes: ['aaa'] },
      { hashes: ['bbb'] },
      { hashes: ['ccc'], deleted: true },
    ]);
    const doc = await db.get('c', { conflicts: true });
    expect(doc._rev).toBe('2-bbb');
    expect(doc._conflicts).toEqual(['2-aaa']);
    await db.put({ _id: 'plain' });
    expect((await db.get('plain', { conflicts: true }))._conflicts).toBeUndefined();
  });

  test('_conflicts are ordered as PouchDB does: newest generation first, siblings by rev id', async () => {
    const db = ctx.open();
    await writeBranches(db, 'c', [
      { hashes: ['a1'] },
      { hashes: ['z9', 'z8'] },
      { hashes: ['b1'] },
      { hashes: ['y1', 'y2', 'y3'] },
    ]);
    const doc = await db.get('c', { conflicts: true });
    expect(doc._rev).toBe('4-y3');
    expect(doc._conflicts).toEqual(['3-z8', '2-a1', '2-b1']);
  });

  test('latest: true with an old rev reads the leaf it led to', async () => {
    const db = ctx.open();
    const revs = await editChain(db, 'a', 3);
    const doc = await db.get('a', { rev: revs[0], latest: true });
    expect(doc).toEqual({ _id: 'a', _rev: revs[2], n: 2 });
  });

  test('latest: true with open_revs maps each rev to its leaf', async () => {
    const db = ctx.open();
    const revs = await editChain(db, 'a', 3);
    const res = await db.get('a', { open_revs: [revs[0]], latest: true });
    expect(res).toEqual([{ ok: { _id: 'a', _rev: revs[2], n: 2 } }]);
  });
}
