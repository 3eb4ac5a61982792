import { expect } from 'vitest';
import { expectError, PouchErrors } from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';
import type { Doc } from './types.js';

/**
 * Behaviours PouchDB 9's own suites check that do not fit another area: how arguments are
 * read (undefined members count as absent), and what a few edge calls answer.
 */
export function parity(test: TestFn, ctx: SuiteContext): void {
  undefinedMembers(test, ctx);
}

/** PouchDB copies every argument first, and its copy drops object members that are undefined. */
function undefinedMembers(test: TestFn, ctx: SuiteContext): void {
  test('put with _rev: undefined creates the document, as without _rev', async () => {
    const db = ctx.open();
    const res = await db.put({ _id: 'a', _rev: undefined, x: 1 });
    expect(res.rev).toMatch(/^1-/);
    expect(await db.get('a')).toEqual({ _id: 'a', _rev: res.rev, x: 1 });
  });

  test('put with _rev: undefined on an existing document is a 409, not a bad rev', async () => {
    const db = ctx.open();
    await db.put({ _id: 'a' });
    const err = await expectError(db.put({ _id: 'a', _rev: undefined }), PouchErrors.REV_CONFLICT);
    expect(err.docId).toBe('a');
  });

  test('post and bulkDocs accept _rev: undefined', async () => {
    const db = ctx.open();
    const posted = await db.post({ _rev: undefined, kind: 'posted' });
    expect(posted.ok).toBe(true);
    const rows = await db.bulkDocs([
      { _id: 'b', _rev: undefined },
      { _rev: undefined, kind: 'no id' },
    ]);
    expect(rows.map((row) => row.ok)).toEqual([true, true]);
    expect(rows[0]?.id).toBe('b');
    expect(rows[1]?.id).toEqual(expect.any(String));
  });

  test('the upsert idiom: read or start empty, then put with the _rev read', async () => {
    const db = ctx.open();
    const upsert = async (id: string, change: (doc: Partial<Doc>) => void) => {
      let doc: Partial<Doc>;
      try {
        doc = await db.get(id);
      } catch {
        doc = { _id: id, _rev: undefined };
      }
      change(doc);
      return db.put(doc as Doc);
    };
    await upsert('counter', (doc) => {
      doc.n = 1;
    });
    const second = await upsert('counter', (doc) => {
      doc.n = (doc.n as number) + 1;
    });
    expect(second.rev).toMatch(/^2-/);
    expect((await db.get('counter')).n).toBe(2);
  });

  test('remove of a document given with _rev: undefined and the rev in options', async () => {
    const db = ctx.open();
    const { rev } = await db.put({ _id: 'a' });
    const res = await db.remove({ _id: 'a', _rev: undefined }, { rev });
    expect(res.rev).toMatch(/^2-/);
  });

  test('a malformed _rev is still refused', async () => {
    const db = ctx.open();
    await expectError(db.put({ _id: 'a', _rev: 'nope' }), PouchErrors.INVALID_REV);
    await expectError(db.bulkDocs([{ _id: 'a', _rev: null }]), PouchErrors.INVALID_REV);
  });
}
