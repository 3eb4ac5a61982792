import { expect } from 'vitest';
import { expectError, PouchErrors, REV_PATTERN, revPos, viaCallback } from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';
import type { Doc, SuiteDatabase, WriteResult } from './types.js';

/** put/post/get/remove: results, errors, callbacks and promises. */
export function basics(test: TestFn, ctx: SuiteContext): void {
  writes(test, ctx);
  reads(test, ctx);
  removes(test, ctx);
  idRules(test, ctx);
  callbacks(test, ctx);
  values(test, ctx);
}

function writes(test: TestFn, ctx: SuiteContext): void {
  test('put creates a document and answers {ok, id, rev}', async () => {
    const db = ctx.open();
    const res = await db.put({ _id: 'a', x: 1 });
    expect(res).toEqual({ ok: true, id: 'a', rev: expect.stringMatching(/^1-/) });
    expect(await db.get('a')).toEqual({ _id: 'a', _rev: res.rev, x: 1 });
  });

  test(
    'put gives PouchDB 9 deterministic revision ids',
    async () => {
      const db = ctx.open();
      const first = await db.put({ _id: 'a', x: 1 });
      expect(first.rev).toBe('1-bc5db6a055cbe3e54ca8ad7ae009e9e5');
      const second = await db.put({ _id: 'a', _rev: first.rev, x: 2 });
      const other = ctx.open();
      const again = await other.put({ _id: 'a', x: 1 });
      expect(await other.put({ _id: 'a', _rev: again.rev, x: 2 })).toEqual(second);
    },
    'deterministicRevs',
  );

  test('put with the current _rev updates and bumps the generation', async () => {
    const db = ctx.open();
    const one = await db.put({ _id: 'a', v: 1 });
    const two = await db.put({ _id: 'a', _rev: one.rev, v: 2 });
    expect(two.rev).toMatch(/^2-/);
    expect(two.rev).not.toBe(one.rev);
    expect(await db.get('a')).toEqual({ _id: 'a', _rev: two.rev, v: 2 });
  });

  test('revision ids look like N-<32 hex digits>', async () => {
    const db = ctx.open();
    expect((await db.put({ _id: 'a' })).rev).toMatch(REV_PATTERN);
    expect((await db.post({})).rev).toMatch(REV_PATTERN);
  });

  test('put without _rev on an existing document is a 409 conflict naming the doc', async () => {
    const db = ctx.open();
    await db.put({ _id: 'a' });
    const err = await expectError(db.put({ _id: 'a', v: 2 }), PouchErrors.REV_CONFLICT);
    expect(err.docId).toBe('a');
  });

  test('put with a stale or unknown _rev is a 409 conflict', async () => {
    const db = ctx.open();
    const one = await db.put({ _id: 'a' });
    await db.put({ _id: 'a', _rev: one.rev, v: 2 });
    await expectError(db.put({ _id: 'a', _rev: one.rev, v: 3 }), PouchErrors.REV_CONFLICT);
    await expectError(db.put({ _id: 'a', _rev: '7-abc', v: 3 }), PouchErrors.REV_CONFLICT);
  });

  test('put of a new document with a _rev is a 409 conflict', async () => {
    const db = ctx.open();
    await expectError(db.put({ _id: 'fresh', _rev: '1-abc' }), PouchErrors.REV_CONFLICT);
    await expectError(db.get('fresh'), PouchErrors.MISSING_DOC);
  });

  test('put with a malformed _rev is a 400 "Invalid rev format"', async () => {
    const db = ctx.open();
    for (const rev of ['abc', '-1-x', 'x-1', 5, {}, null]) {
      await expectError(db.put({ _id: 'a', _rev: rev }), PouchErrors.INVALID_REV);
    }
  });

  test('put and post reject what is not a JSON object with a 400', async () => {
    const db = ctx.open();
    for (const bad of [null, [], 'abc', 42, true]) {
      await expectError(db.put(bad), PouchErrors.NOT_AN_OBJECT);
      await expectError(db.post(bad), PouchErrors.NOT_AN_OBJECT);
    }
  });

  test('post generates a string id and stores the document', async () => {
    const db = ctx.open();
    const res = await db.post({ a: 1 });
    expect(res.ok).toBe(true);
    expect(typeof res.id).toBe('string');
    expect(res.id.length).toBeGreaterThan(0);
    expect(await db.get(res.id)).toEqual({ _id: res.id, _rev: res.rev, a: 1 });
    const other = await db.post({ a: 1 });
    expect(other.id).not.toBe(res.id);
  });

  test('post keeps a given _id and conflicts like put', async () => {
    const db = ctx.open();
    expect((await db.post({ _id: 'mine', a: 1 })).id).toBe('mine');
    await expectError(db.post({ _id: 'mine', a: 2 }), PouchErrors.REV_CONFLICT);
  });

  test('an unknown underscore field is a 500 doc_validation error', async () => {
    const db = ctx.open();
    await expectError(db.put({ _id: 'a', _foo: 1 }), {
      status: 500,
      name: 'doc_validation',
      message: 'Bad special document member: _foo',
      reason: '_foo',
    });
    await expectError(db.get('a'), PouchErrors.MISSING_DOC);
  });

  test('put with _deleted: true and a rev deletes the document', async () => {
    const db = ctx.open();
    const one = await db.put({ _id: 'a', v: 1 });
    const del = await db.put({ _id: 'a', _rev: one.rev, _deleted: true });
    expect(del.rev).toMatch(/^2-/);
    await expectError(db.get('a'), { ...PouchErrors.MISSING_DOC, reason: 'deleted' });
  });

  test("the caller's document object is not modified by put", async () => {
    const db = ctx.open();
    const doc = { _id: 'a', nested: { x: 1 } };
    await db.put(doc);
    expect(doc).toEqual({ _id: 'a', nested: { x: 1 } });
    const read = await db.get('a');
    (read.nested as { x: number }).x = 99;
    expect(((await db.get('a')).nested as { x: number }).x).toBe(1);
  });
}

function reads(test: TestFn, ctx: SuiteContext): void {
  test('get of a missing document is 404 not_found, reason "missing", with docId', async () => {
    const db = ctx.open();
    const err = await expectError(db.get('nope'), {
      ...PouchErrors.MISSING_DOC,
      reason: 'missing',
    });
    expect(err.docId).toBe('nope');
  });

  test('get with a non-string id is a 400', async () => {
    const db = ctx.open();
    for (const id of [5, null, {}, undefined]) {
      await expectError(db.get(id), PouchErrors.INVALID_ID);
    }
  });

  test('get returns the latest body, with _id and _rev', async () => {
    const db = ctx.open();
    const one = await db.put({ _id: 'doc', a: 1, b: { c: [1, 2, 3] } });
    const two = await db.put({ _id: 'doc', _rev: one.rev, a: 2 });
    expect(await db.get('doc')).toEqual({ _id: 'doc', _rev: two.rev, a: 2 });
  });

  test('methods are bound to the instance', async () => {
    const db = ctx.open();
    const { put, get, allDocs, info } = db;
    await put({ _id: 'bound' });
    expect((await get('bound'))._id).toBe('bound');
    expect((await allDocs()).rows).toHaveLength(1);
    expect((await info()).doc_count).toBe(1);
  });

  test('the instance exposes its name and adapter', async () => {
    const name = ctx.freshName();
    const db = ctx.reopen(name);
    expect(db.name).toBe(name);
    expect(typeof db.adapter).toBe('string');
    expect((await db.info()).adapter).toBe(db.adapter);
  });
}

function removes(test: TestFn, ctx: SuiteContext): void {
  test('remove(doc) deletes and answers {ok, id, rev} with the next generation', async () => {
    const db = ctx.open();
    const one = await db.put({ _id: 'a', v: 1 });
    const res = await db.remove({ _id: 'a', _rev: one.rev });
    expect(res).toEqual({ ok: true, id: 'a', rev: expect.stringMatching(/^2-/) });
    await expectError(db.get('a'), { ...PouchErrors.MISSING_DOC, reason: 'deleted' });
  });

  test('remove(id, rev) and remove(doc, {rev}) forms work too', async () => {
    const db = ctx.open();
    const a = await db.put({ _id: 'a' });
    const b = await db.put({ _id: 'b' });
    expect((await db.remove('a', a.rev)).ok).toBe(true);
    expect((await db.remove({ _id: 'b' }, { rev: b.rev })).ok).toBe(true);
    expect((await db.info()).doc_count).toBe(0);
  });

  test('remove with a wrong rev is a 409, of a missing doc a 404', async () => {
    const db = ctx.open();
    await db.put({ _id: 'a' });
    const err = await expectError(db.remove('a', '1-abc'), PouchErrors.REV_CONFLICT);
    expect(err.docId).toBe('a');
    await expectError(db.remove({ _id: 'ghost' }), PouchErrors.MISSING_DOC);
    await expectError(db.remove('ghost', '1-abc'), PouchErrors.MISSING_DOC);
  });

  test('the tombstone drops the body; get({rev}) reads it as {_id, _rev, _deleted}', async () => {
    const db = ctx.open();
    const one = await db.put({ _id: 'a', secret: 'x' });
    const del = await db.remove({ _id: 'a', _rev: one.rev, secret: 'x' });
    expect(await db.get('a', { rev: del.rev })).toEqual({
      _id: 'a',
      _rev: del.rev,
      _deleted: true,
    });
  });

  test('a deleted document can be re-created without a rev, extending its history', async () => {
    const db = ctx.open();
    const one = await db.put({ _id: 'a', v: 1 });
    const del = await db.remove('a', one.rev);
    const again = await db.put({ _id: 'a', v: 3 });
    expect(revPos(again.rev)).toBe(3);
    const doc = await db.get('a', { revs: true });
    expect(doc.v).toBe(3);
    expect(doc._revisions?.ids.slice(1)).toEqual([del.rev.split('-')[1], one.rev.split('-')[1]]);
  });

  test('a tombstone written with fields keeps them', async () => {
    const db = ctx.open();
    const one = await db.put({ _id: 'a' });
    const del = await db.put({ _id: 'a', _rev: one.rev, _deleted: true, why: 'gone' });
    expect(await db.get('a', { rev: del.rev })).toEqual({
      _id: 'a',
      _rev: del.rev,
      _deleted: true,
      why: 'gone',
    });
  });
}

function idRules(test: TestFn, ctx: SuiteContext): void {
  test('put without _id (or with "") is 412 missing_id', async () => {
    const db = ctx.open();
    await expectError(db.put({ a: 1 }), PouchErrors.MISSING_ID);
    await expectError(db.put({ _id: '' }), PouchErrors.MISSING_ID);
  });

  test('a non-string _id is a 400', async () => {
    const db = ctx.open();
    for (const id of [5, {}, ['a'], true]) {
      await expectError(db.put({ _id: id }), PouchErrors.INVALID_ID);
    }
  });

  test('an _id starting with an unreserved underscore prefix is a 400', async () => {
    const db = ctx.open();
    await expectError(db.put({ _id: '_foo' }), PouchErrors.RESERVED_ID);
    await expectError(db.put({ _id: '_users/x' }), PouchErrors.RESERVED_ID);
  });

  test('ids with slashes, spaces, accents, emoji and quotes round-trip', async () => {
    const db = ctx.open();
    const ids = ['a/b/c', 'with space', 'üñíçødé', 'quote"s', "it's", 'emoji😀', '%2F', '\n\t'];
    for (const id of ids) await db.put({ _id: id, id });
    for (const id of ids) expect((await db.get(id)).id).toBe(id);
    expect((await db.allDocs()).rows.map((r) => r.id).sort()).toEqual([...ids].sort());
  });

  test('ids starting above U+00FF are listed like any other', async () => {
    const db = ctx.open();
    const ids = ['日本語', 'Ωmega', '😀start', 'ascii'];
    for (const id of ids) await db.put({ _id: id });
    expect((await db.get('日本語'))._id).toBe('日本語');
    expect((await db.allDocs()).rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect((await db.allDocs({ keys: ['Ωmega'] })).rows[0]?.id).toBe('Ωmega');
  });
}

function callbacks(test: TestFn, ctx: SuiteContext): void {
  test('put, get, remove and post take callbacks and still return promises', async () => {
    const db = ctx.open();
    const put = await viaCallback<WriteResult>((cb) => db.put({ _id: 'a' }, cb));
    expect(put.err).toBeNull();
    expect(put.result?.id).toBe('a');
    const putOpts = await viaCallback<WriteResult>((cb) => db.put({ _id: 'b' }, {}, cb));
    expect(putOpts.result?.ok).toBe(true);
    const got = await viaCallback<Doc>((cb) => db.get('a', cb));
    expect(got.result?._rev).toBe(put.result?.rev);
    const gotOpts = await viaCallback<Doc>((cb) => db.get('a', { revs: true }, cb));
    expect(gotOpts.result?._revisions?.start).toBe(1);
    const removed = await viaCallback<WriteResult>((cb) => db.remove('a', put.result?.rev, cb));
    expect(removed.result?.ok).toBe(true);
    const posted = await viaCallback<WriteResult>((cb) => db.post({ p: 1 }, cb));
    expect(posted.result?.ok).toBe(true);
  });

  test('errors reach the callback as its first argument', async () => {
    const db = ctx.open();
    const missing = await viaCallback<Doc>((cb) => db.get('nope', cb));
    expect(missing.err).toMatchObject(PouchErrors.MISSING_DOC);
    expect(missing.result).toBeUndefined();
    await db.put({ _id: 'a' });
    const conflict = await viaCallback<WriteResult>((cb) => db.put({ _id: 'a' }, cb));
    expect(conflict.err).toMatchObject(PouchErrors.REV_CONFLICT);
    const bad = await viaCallback<WriteResult>((cb) => db.put({ _id: 5 }, cb));
    expect(bad.err).toMatchObject(PouchErrors.INVALID_ID);
  });

  test('the returned promise settles like the callback', async () => {
    const db = ctx.open();
    let fromCallback: unknown;
    const promised = await db.put({ _id: 'a' }, (_err: unknown, res?: WriteResult) => {
      fromCallback = res;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fromCallback).toEqual(promised);
  });

  test('bulkDocs, allDocs and info take callbacks', async () => {
    const db = ctx.open();
    const bulk = await viaCallback((cb) => db.bulkDocs([{ _id: 'a' }, { _id: 'b' }], cb));
    expect(bulk.err).toBeNull();
    expect(bulk.result).toHaveLength(2);
    const all = await viaCallback((cb) => db.allDocs(cb));
    expect((all.result as { rows: unknown[] }).rows).toHaveLength(2);
    const allOpts = await viaCallback((cb) => db.allDocs({ limit: 1 }, cb));
    expect((allOpts.result as { rows: unknown[] }).rows).toHaveLength(1);
    const info = await viaCallback((cb) => db.info(cb));
    expect((info.result as { doc_count: number }).doc_count).toBe(2);
  });
}

function values(test: TestFn, ctx: SuiteContext): void {
  test('JSON values round-trip exactly', async () => {
    const db = ctx.open();
    const body = {
      str: 'text',
      int: 42,
      neg: -1.5,
      big: 1e300,
      bool: false,
      nil: null,
      arr: [1, 'two', [3], { four: 4 }],
      obj: { deep: { deeper: { deepest: true } } },
      empty: {},
      emptyArr: [],
      unicode: 'ʕ•ᴥ•ʔ \u0000 \uffff',
    };
    await db.put({ _id: 'values', ...body });
    const { _id, _rev, ...read } = await db.get('values');
    expect(read).toEqual(body);
  });

  test('values are stored as JSON: Dates become strings, undefined fields vanish, -0 is 0', async () => {
    const db = ctx.open();
    await db.put({ _id: 'a', when: new Date(0), gone: undefined, kept: 1, zero: -0, list: [-0] });
    const doc = await db.get('a');
    expect(doc.when).toBe('1970-01-01T00:00:00.000Z');
    expect('gone' in doc).toBe(false);
    expect(doc.kept).toBe(1);
    expect(Object.is(doc.zero, 0)).toBe(true);
    expect(Object.is((doc.list as number[])[0], 0)).toBe(true);
  });

  test('design and local ids are accepted', async () => {
    const db: SuiteDatabase = ctx.open();
    expect((await db.put({ _id: '_design/app' })).ok).toBe(true);
    expect((await db.put({ _id: '_local/state' })).ok).toBe(true);
  });
}
