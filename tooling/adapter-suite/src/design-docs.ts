import { expect } from 'vitest';
import { expectError, PouchErrors, revPos } from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';

const ddoc = {
  _id: '_design/app',
  language: 'javascript',
  views: {
    byType: { map: 'function (doc) { emit(doc.type, 1); }', reduce: '_count' },
  },
  filters: { onlyA: 'function (doc) { return doc.type === "a"; }' },
  validate_doc_update: 'function () {}',
};

/** `_design/` documents: versioned like any document, listed and counted. */
export function designDocs(test: TestFn, ctx: SuiteContext): void {
  test('a design document round-trips with its function strings', async () => {
    const db = ctx.open();
    const res = await db.put(ddoc);
    expect(res).toMatchObject({ ok: true, id: '_design/app' });
    expect(await db.get('_design/app')).toEqual({ ...ddoc, _rev: res.rev });
  });

  test('design documents update, conflict and delete like others', async () => {
    const db = ctx.open();
    const one = await db.put(ddoc);
    await expectError(db.put({ ...ddoc, language: 'query' }), PouchErrors.REV_CONFLICT);
    const two = await db.put({ ...ddoc, _rev: one.rev, views: {} });
    expect(revPos(two.rev)).toBe(2);
    await db.remove('_design/app', two.rev);
    await expectError(db.get('_design/app'), { ...PouchErrors.MISSING_DOC, reason: 'deleted' });
  });

  test('design documents are listed by allDocs and counted by info', async () => {
    const db = ctx.open();
    await db.bulkDocs([ddoc, { _id: 'a' }, { _id: 'Z' }]);
    expect((await db.allDocs()).rows.map((r) => r.id)).toEqual(['Z', '_design/app', 'a']);
    expect((await db.info()).doc_count).toBe(3);
  });

  test('design documents replicate in with new_edits: false', async () => {
    const db = ctx.open();
    await db.bulkDocs([{ ...ddoc, _rev: '4-abc' }], { new_edits: false });
    expect((await db.get('_design/app'))._rev).toBe('4-abc');
  });
}
