import { expect } from 'vitest';
import { expectError, okDocs, PouchErrors, REV_PATTERN, revPos } from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';

/** bulkDocs: rows, per-document errors, whole-request errors, new_edits: false. */
export function bulkDocs(test: TestFn, ctx: SuiteContext): void {
  newEdits(test, ctx);
  requestErrors(test, ctx);
  replicated(test, ctx);
}

function newEdits(test: TestFn, ctx: SuiteContext): void {
  test('an array or {docs} writes every document and answers one row each, in order', async () => {
    const db = ctx.open();
    const rows = await db.bulkDocs([{ _id: 'b' }, { _id: 'a' }, { _id: 'c', v: 1 }]);
    expect(rows.map((r) => [r.ok, r.id])).toEqual([
      [true, 'b'],
      [true, 'a'],
      [true, 'c'],
    ]);
    for (const row of rows) expect(row.rev).toMatch(REV_PATTERN);
    const more = await db.bulkDocs({ docs: [{ _id: 'd' }] });
    expect(more).toEqual([{ ok: true, id: 'd', rev: expect.stringMatching(/^1-/) }]);
    expect((await db.info()).doc_count).toBe(4);
  });

  test('changing a written document afterwards, nested members included, changes nothing stored', async () => {
    const db = ctx.open();
    await db.info();
    const nested = () => ({ inner: { n: 1, list: [1] } });
    const changeAll = (docs: { inner: { n: number; list: number[] } }[]) => {
      for (const doc of docs) {
        doc.inner.n = 2;
        doc.inner.list.push(2);
      }
    };
    const put = { _id: 'put', ...nested() };
    const bulk = [{ _id: 'bulk', ...nested() }];
    const post = nested();
    // Changed right after each call (the write is under way), then again once it has answered.
    const putting = db.put(put);
    changeAll([put]);
    const bulking = db.bulkDocs(bulk);
    changeAll(bulk);
    const posting = db.post(post);
    changeAll([post]);
    const [, , posted] = await Promise.all([putting, bulking, posting]);
    changeAll([put, ...bulk, post]);
    for (const id of ['put', 'bulk', posted.id]) {
      expect((await db.get(id)).inner, id).toEqual({ n: 1, list: [1] });
    }
    const listed = await db.allDocs({ include_docs: true });
    for (const row of listed.rows) expect(row.doc?.inner, row.id).toEqual({ n: 1, list: [1] });
  });

  test('documents without _id get generated ids', async () => {
    const db = ctx.open();
    const rows = await db.bulkDocs([{ a: 1 }, { a: 2 }]);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.id).not.toBe(rows[1]?.id);
    for (const row of rows) expect((await db.get(row.id)).a).toBeDefined();
  });

  test('a conflict fails only its own row, with the id in the row', async () => {
    const db = ctx.open();
    await db.put({ _id: 'taken' });
    const rows = await db.bulkDocs([{ _id: 'ok1' }, { _id: 'taken' }, { _id: 'ok2' }]);
    expect(rows[0]).toMatchObject({ ok: true, id: 'ok1' });
    expect(rows[1]).toMatchObject({ ...PouchErrors.REV_CONFLICT, id: 'taken' });
    expect(rows[2]).toMatchObject({ ok: true, id: 'ok2' });
    expect((await db.allDocs()).rows.map((r) => r.id)).toEqual(['ok1', 'ok2', 'taken']);
  });

  test('the same id twice in one request: the first wins, the second conflicts', async () => {
    const db = ctx.open();
    const rows = await db.bulkDocs([
      { _id: 'twice', v: 1 },
      { _id: 'twice', v: 2 },
    ]);
    expect(rows[0]).toMatchObject({ ok: true, id: 'twice' });
    expect(rows[1]).toMatchObject({ ...PouchErrors.REV_CONFLICT, id: 'twice' });
    expect((await db.get('twice')).v).toBe(1);
  });

  test('a second edit of one parent in one request is a 409 and leaves no trace', async () => {
    const db = ctx.open();
    const one = await db.put({ _id: 'p' });
    const rows = await db.bulkDocs([
      { _id: 'p', _rev: one.rev, v: 'first' },
      { _id: 'p', _rev: one.rev, v: 'second' },
    ]);
    expect(rows[0]).toMatchObject({ ok: true, id: 'p' });
    expect(rows[1]).toMatchObject({ ...PouchErrors.REV_CONFLICT, id: 'p' });
    expect(await db.get('p', { open_revs: 'all' })).toEqual([
      { ok: { _id: 'p', _rev: rows[0]?.rev, v: 'first' } },
    ]);
    expect((await db.get('p', { conflicts: true }))._conflicts).toBeUndefined();
  });

  test('updates and deletes in bulk check each rev', async () => {
    const db = ctx.open();
    const [a, b] = await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }]);
    const rows = await db.bulkDocs([
      { _id: 'a', _rev: a?.rev, v: 2 },
      { _id: 'b', _rev: b?.rev, _deleted: true },
      { _id: 'a', _rev: a?.rev, v: 3 },
    ]);
    expect(rows[0]).toMatchObject({ ok: true, id: 'a' });
    expect(revPos(rows[0]?.rev ?? '')).toBe(2);
    expect(rows[1]).toMatchObject({ ok: true, id: 'b' });
    expect(rows[2]).toMatchObject({ status: 409, id: 'a' });
    expect((await db.get('a')).v).toBe(2);
    await expectError(db.get('b'), { status: 404, reason: 'deleted' });
  });

  test('a new document written as deleted is stored as a tombstone', async () => {
    const db = ctx.open();
    const [row] = await db.bulkDocs([{ _id: 'born-dead', _deleted: true }]);
    expect(row).toMatchObject({ ok: true, id: 'born-dead' });
    expect((await db.info()).doc_count).toBe(0);
    await expectError(db.get('born-dead'), { status: 404, reason: 'deleted' });
    expect(await db.get('born-dead', { rev: row?.rev })).toMatchObject({ _deleted: true });
  });

  test('an empty request answers []', async () => {
    const db = ctx.open();
    const before = (await db.info()).update_seq;
    expect(await db.bulkDocs([])).toEqual([]);
    expect(await db.bulkDocs({ docs: [] })).toEqual([]);
    expect((await db.info()).update_seq).toEqual(before);
  });

  test("the caller's documents are not modified", async () => {
    const db = ctx.open();
    const docs = [{ _id: 'a', v: 1 }, { v: 2 }];
    await db.bulkDocs(docs);
    expect(docs).toEqual([{ _id: 'a', v: 1 }, { v: 2 }]);
  });
}

function requestErrors(test: TestFn, ctx: SuiteContext): void {
  test('a request without a docs list is a 400', async () => {
    const db = ctx.open();
    for (const req of [{}, { docs: 'x' }, null, 'docs']) {
      await expectError(db.bulkDocs(req), PouchErrors.MISSING_BULK_DOCS);
    }
  });

  test('a non-object document fails the whole request and writes nothing', async () => {
    const db = ctx.open();
    await expectError(db.bulkDocs([{ _id: 'a' }, null]), PouchErrors.NOT_AN_OBJECT);
    await expectError(db.bulkDocs([{ _id: 'a' }, ['x']]), PouchErrors.NOT_AN_OBJECT);
    expect((await db.info()).doc_count).toBe(0);
  });

  test('a malformed _rev fails the whole request', async () => {
    const db = ctx.open();
    await expectError(
      db.bulkDocs([{ _id: 'a' }, { _id: 'b', _rev: 'bad' }]),
      PouchErrors.INVALID_REV,
    );
    expect((await db.info()).doc_count).toBe(0);
  });

  test('an invalid _id or special field fails the whole request', async () => {
    const db = ctx.open();
    await expectError(db.bulkDocs([{ _id: 'a' }, { _id: '_bad' }]), PouchErrors.RESERVED_ID);
    await expectError(db.bulkDocs([{ _id: 'a' }, { _id: 7 }]), PouchErrors.INVALID_ID);
    await expectError(db.bulkDocs([{ _id: 'a' }, { _id: 'b', _zz: 1 }]), {
      status: 500,
      name: 'doc_validation',
    });
    expect((await db.allDocs()).rows).toEqual([]);
  });
}

function replicated(test: TestFn, ctx: SuiteContext): void {
  test('new_edits: false stores the given revision as is and answers []', async () => {
    const db = ctx.open();
    const rows = await db.bulkDocs([{ _id: 'r', _rev: '3-abc', v: 1 }], { new_edits: false });
    expect(rows).toEqual([]);
    expect(await db.get('r')).toEqual({ _id: 'r', _rev: '3-abc', v: 1 });
  });

  test('new_edits: false is also read from the request object', async () => {
    const db = ctx.open();
    expect(await db.bulkDocs({ docs: [{ _id: 'r', _rev: '1-x' }], new_edits: false })).toEqual([]);
    expect((await db.get('r'))._rev).toBe('1-x');
  });

  test('new_edits: false with _revisions records the ancestry', async () => {
    const db = ctx.open();
    const doc = { _id: 'r', _rev: '3-c', _revisions: { start: 3, ids: ['c', 'b', 'a'] }, v: 1 };
    await db.bulkDocs([doc], { new_edits: false });
    const read = await db.get('r', { revs: true, revs_info: true });
    expect(read._revisions).toEqual({ start: 3, ids: ['c', 'b', 'a'] });
    expect(read._revs_info).toEqual([
      { rev: '3-c', status: 'available' },
      { rev: '2-b', status: 'missing' },
      { rev: '1-a', status: 'missing' },
    ]);
  });

  test('new_edits: false writing a known revision again changes nothing', async () => {
    const db = ctx.open();
    await db.bulkDocs([{ _id: 'r', _rev: '1-x', v: 1 }], { new_edits: false });
    const before = await db.info();
    await db.bulkDocs([{ _id: 'r', _rev: '1-x', v: 'other' }], { new_edits: false });
    expect((await db.get('r')).v).toBe(1);
    expect((await db.info()).doc_count).toBe(before.doc_count);
  });

  test('new_edits: false with two sibling revisions makes a conflict', async () => {
    const db = ctx.open();
    const docs = [
      { _id: 'c', _rev: '1-a', v: 'a' },
      { _id: 'c', _rev: '1-b', v: 'b' },
    ];
    expect(await db.bulkDocs(docs, { new_edits: false })).toEqual([]);
    expect(okDocs(await db.get('c', { open_revs: 'all' })).map((d) => d._rev)).toEqual([
      '1-a',
      '1-b',
    ]);
    expect(await db.get('c', { conflicts: true })).toEqual({
      _id: 'c',
      _rev: '1-b',
      v: 'b',
      _conflicts: ['1-a'],
    });
  });

  test('new_edits: false without a _rev fails with 400 Invalid rev format', async () => {
    const db = ctx.open();
    await expectError(
      db.bulkDocs([{ _id: 'norev' }], { new_edits: false }),
      PouchErrors.INVALID_REV,
    );
  });

  test('new_edits: false in any order of generations builds the same tree', async () => {
    const db = ctx.open();
    const chain = [
      { _id: 'o', _rev: '3-c', _revisions: { start: 3, ids: ['c', 'b', 'a'] } },
      { _id: 'o', _rev: '1-a', _revisions: { start: 1, ids: ['a'] } },
      { _id: 'o', _rev: '2-b', _revisions: { start: 2, ids: ['b', 'a'] } },
    ];
    await db.bulkDocs(chain, { new_edits: false });
    expect((await db.get('o'))._rev).toBe('3-c');
    expect(await db.get('o', { open_revs: 'all' })).toHaveLength(1);
  });

  test('a normal edit can extend a replicated revision', async () => {
    const db = ctx.open();
    await db.bulkDocs([{ _id: 'r', _rev: '5-zzz' }], { new_edits: false });
    const next = await db.put({ _id: 'r', _rev: '5-zzz', v: 1 });
    expect(revPos(next.rev)).toBe(6);
  });
}
