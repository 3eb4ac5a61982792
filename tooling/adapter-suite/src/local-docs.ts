import { expect } from 'vitest';
import { expectError, PouchErrors } from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';

/** `_local/` documents: unversioned, unreplicated, uncounted. */
export function localDocs(test: TestFn, ctx: SuiteContext): void {
  writes(test, ctx);
  invisibility(test, ctx);
}

function writes(test: TestFn, ctx: SuiteContext): void {
  test('a local document gets rev 0-1, then 0-2, …', async () => {
    const db = ctx.open();
    const one = await db.put({ _id: '_local/state', step: 1 });
    expect(one).toEqual({ ok: true, id: '_local/state', rev: '0-1' });
    expect(await db.get('_local/state')).toEqual({ _id: '_local/state', _rev: '0-1', step: 1 });
    const two = await db.put({ _id: '_local/state', _rev: '0-1', step: 2 });
    expect(two.rev).toBe('0-2');
    expect((await db.get('_local/state')).step).toBe(2);
  });

  test('a local update without the current rev is a 409', async () => {
    const db = ctx.open();
    await db.put({ _id: '_local/x' });
    await expectError(db.put({ _id: '_local/x', v: 2 }), PouchErrors.REV_CONFLICT);
    await expectError(db.put({ _id: '_local/x', _rev: '0-7', v: 2 }), PouchErrors.REV_CONFLICT);
    await expectError(db.put({ _id: '_local/new', _rev: '0-1' }), PouchErrors.REV_CONFLICT);
  });

  test('remove answers rev 0-0 and the document is gone', async () => {
    const db = ctx.open();
    const one = await db.put({ _id: '_local/x' });
    expect(await db.remove({ _id: '_local/x', _rev: one.rev })).toEqual({
      ok: true,
      id: '_local/x',
      rev: '0-0',
    });
    await expectError(db.get('_local/x'), PouchErrors.MISSING_DOC);
    expect((await db.put({ _id: '_local/x' })).rev).toBe('0-1');
  });

  test('get and remove of a missing local document are 404', async () => {
    const db = ctx.open();
    await expectError(db.get('_local/nope'), PouchErrors.MISSING_DOC);
    await expectError(db.remove({ _id: '_local/nope', _rev: '0-1' }), PouchErrors.MISSING_DOC);
  });

  test('local documents can be written through bulkDocs', async () => {
    const db = ctx.open();
    const rows = await db.bulkDocs([{ _id: '_local/a', v: 1 }, { _id: 'normal' }]);
    expect(rows[0]).toEqual({ ok: true, id: '_local/a', rev: '0-1' });
    expect(rows[1]).toMatchObject({ ok: true, id: 'normal' });
    expect((await db.get('_local/a')).v).toBe(1);
  });

  test('local documents hold any JSON body', async () => {
    const db = ctx.open();
    const body = { nested: { list: [1, { x: null }] }, s: 'ü' };
    await db.put({ _id: '_local/json', ...body });
    const { _id, _rev, ...read } = await db.get('_local/json');
    expect(read).toEqual(body);
  });
}

function invisibility(test: TestFn, ctx: SuiteContext): void {
  test('local documents do not count, list or bump update_seq', async () => {
    const db = ctx.open();
    await db.put({ _id: 'doc' });
    const before = await db.info();
    const one = await db.put({ _id: '_local/x' });
    await db.put({ _id: '_local/x', _rev: one.rev, v: 2 });
    const after = await db.info();
    expect(after.doc_count).toBe(before.doc_count);
    expect(after.update_seq).toEqual(before.update_seq);
    expect((await db.allDocs()).rows.map((r) => r.id)).toEqual(['doc']);
    expect((await db.allDocs({ keys: ['_local/x'] })).rows).toEqual([
      { key: '_local/x', error: 'not_found' },
    ]);
  });

  test('local documents are not versioned: get options about revisions do not apply', async () => {
    const db = ctx.open();
    await db.put({ _id: '_local/x', v: 1 });
    expect(await db.get('_local/x', { revs: true, conflicts: true })).toEqual({
      _id: '_local/x',
      _rev: '0-1',
      v: 1,
    });
  });
}
