import { expect } from 'vitest';
import {
  expectError,
  messageOf,
  okDocs,
  PouchErrors,
  rejectionOf,
  writeBranches,
} from './assertions.js';
import type { SuiteContext, TestFn } from './context.js';
import type { AllDocsResult, SuiteDatabase } from './types.js';

/** allDocs: every option. */
export function allDocs(test: TestFn, ctx: SuiteContext): void {
  listing(test, ctx);
  ranges(test, ctx);
  paging(test, ctx);
  keys(test, ctx);
}

const ids = (res: AllDocsResult): string[] => res.rows.map((r) => r.id ?? `!${r.key}`);

/** Writes docs a..e and deletes c; answers the db. */
async function seed(ctx: SuiteContext): Promise<SuiteDatabase> {
  const db = ctx.open();
  const rows = await db.bulkDocs(['a', 'b', 'c', 'd', 'e'].map((id) => ({ _id: id, v: id })));
  await db.remove('c', rows[2]?.rev);
  return db;
}

function listing(test: TestFn, ctx: SuiteContext): void {
  test('rows are sorted by id, deleted documents left out', async () => {
    const db = await seed(ctx);
    const res = await db.allDocs();
    expect(ids(res)).toEqual(['a', 'b', 'd', 'e']);
    expect(res.total_rows).toBe(4);
    expect(res.offset).toBe(0);
    const a = await db.get('a');
    expect(res.rows[0]).toEqual({ id: 'a', key: 'a', value: { rev: a._rev } });
  });

  test('ids sort by code unit: uppercase, then _design/, then lowercase', async () => {
    const db = ctx.open();
    await db.bulkDocs([
      { _id: 'a' },
      { _id: '_design/x' },
      { _id: 'B' },
      { _id: '1' },
      { _id: 'aa' },
    ]);
    expect(ids(await db.allDocs())).toEqual(['1', 'B', '_design/x', 'a', 'aa']);
  });

  test('include_docs adds each document', async () => {
    const db = await seed(ctx);
    const res = await db.allDocs({ include_docs: true, limit: 2 });
    const a = await db.get('a');
    expect(res.rows[0]).toEqual({ id: 'a', key: 'a', value: { rev: a._rev }, doc: a });
    expect(res.rows[1]?.doc?.v).toBe('b');
  });

  test('conflicts with include_docs adds _conflicts; the winner is listed', async () => {
    const db = ctx.open();
    await writeBranches(db, 'x', [{ hashes: ['aaa'] }, { hashes: ['bbb'] }]);
    const res = await db.allDocs({ include_docs: true, conflicts: true });
    expect(res.rows).toEqual([
      {
        id: 'x',
        key: 'x',
        value: { rev: '2-bbb' },
        doc: { _id: 'x', _rev: '2-bbb', _conflicts: ['2-aaa'] },
      },
    ]);
    const plain = await db.allDocs({ include_docs: true });
    expect(plain.rows[0]?.doc).toEqual({ _id: 'x', _rev: '2-bbb' });
  });

  test('local documents are not listed nor counted', async () => {
    const db = ctx.open();
    await db.put({ _id: '_local/hidden' });
    await db.put({ _id: 'shown' });
    const res = await db.allDocs();
    expect(ids(res)).toEqual(['shown']);
    expect(res.total_rows).toBe(1);
  });

  test('update_seq: true adds the database update_seq', async () => {
    const db = await seed(ctx);
    const res = await db.allDocs({ update_seq: true });
    expect(res.update_seq).toEqual((await db.info()).update_seq);
    expect('update_seq' in (await db.allDocs())).toBe(false);
  });

  test('an empty database lists nothing', async () => {
    const db = ctx.open();
    expect(await db.allDocs()).toMatchObject({ total_rows: 0, rows: [] });
  });
}

function ranges(test: TestFn, ctx: SuiteContext): void {
  test('startkey and endkey are inclusive', async () => {
    const db = await seed(ctx);
    expect(ids(await db.allDocs({ startkey: 'b', endkey: 'd' }))).toEqual(['b', 'd']);
    expect(ids(await db.allDocs({ startkey: 'bb' }))).toEqual(['d', 'e']);
    expect(ids(await db.allDocs({ endkey: 'b' }))).toEqual(['a', 'b']);
  });

  test('start_key and end_key are aliases', async () => {
    const db = await seed(ctx);
    expect(ids(await db.allDocs({ start_key: 'b', end_key: 'd' }))).toEqual(['b', 'd']);
  });

  test('inclusive_end: false leaves out the endkey', async () => {
    const db = await seed(ctx);
    expect(ids(await db.allDocs({ startkey: 'a', endkey: 'd', inclusive_end: false }))).toEqual([
      'a',
      'b',
    ]);
    expect(ids(await db.allDocs({ endkey: 'e', inclusive_end: true }))).toEqual([
      'a',
      'b',
      'd',
      'e',
    ]);
  });

  test('descending reverses the order; startkey is then the upper bound', async () => {
    const db = await seed(ctx);
    expect(ids(await db.allDocs({ descending: true }))).toEqual(['e', 'd', 'b', 'a']);
    expect(ids(await db.allDocs({ descending: true, startkey: 'd', endkey: 'b' }))).toEqual([
      'd',
      'b',
    ]);
    const exclusive = await db.allDocs({
      descending: true,
      startkey: 'e',
      endkey: 'b',
      inclusive_end: false,
    });
    expect(ids(exclusive)).toEqual(['e', 'd']);
  });

  test('a range whose start is past its end is empty', async () => {
    const db = await seed(ctx);
    expect((await db.allDocs({ startkey: 'd', endkey: 'b' })).rows).toEqual([]);
    expect((await db.allDocs({ descending: true, startkey: 'b', endkey: 'd' })).rows).toEqual([]);
    expect((await db.allDocs({ startkey: 'zzz' })).rows).toEqual([]);
  });

  test('key selects one live document', async () => {
    const db = await seed(ctx);
    expect(ids(await db.allDocs({ key: 'd' }))).toEqual(['d']);
    expect((await db.allDocs({ key: 'c' })).rows).toEqual([]);
    expect((await db.allDocs({ key: 'nope' })).rows).toEqual([]);
  });

  test('a range over _design/ lists only design documents', async () => {
    const db = ctx.open();
    await db.bulkDocs([{ _id: '_design/a' }, { _id: '_design/b' }, { _id: 'doc' }, { _id: 'A' }]);
    const res = await db.allDocs({ startkey: '_design/', endkey: '_design/\uffff' });
    expect(ids(res)).toEqual(['_design/a', '_design/b']);
  });
}

function paging(test: TestFn, ctx: SuiteContext): void {
  test('limit and skip page through the rows; offset reports skip', async () => {
    const db = await seed(ctx);
    const page = await db.allDocs({ skip: 1, limit: 2 });
    expect(ids(page)).toEqual(['b', 'd']);
    expect(page.offset).toBe(1);
    expect(page.total_rows).toBe(4);
    expect(ids(await db.allDocs({ skip: 3 }))).toEqual(['e']);
    expect((await db.allDocs({ skip: 10 })).rows).toEqual([]);
  });

  test('limit: 0 answers no rows but the total', async () => {
    const db = await seed(ctx);
    expect(await db.allDocs({ limit: 0 })).toMatchObject({ total_rows: 4, rows: [] });
  });

  test('limit and skip combine with ranges and descending', async () => {
    const db = await seed(ctx);
    expect(ids(await db.allDocs({ startkey: 'b', limit: 2 }))).toEqual(['b', 'd']);
    expect(ids(await db.allDocs({ descending: true, skip: 1, limit: 2 }))).toEqual(['d', 'b']);
  });
}

function keys(test: TestFn, ctx: SuiteContext): void {
  test('keys answers one row per key in the given order, repeats included', async () => {
    const db = await seed(ctx);
    expect(ids(await db.allDocs({ keys: ['e', 'a', 'e'] }))).toEqual(['e', 'a', 'e']);
  });

  test('keys: missing ids give {key, error: "not_found"}, deleted ones value.deleted and doc null', async () => {
    const db = await seed(ctx);
    const deletedRev = okDocs(await db.get('c', { open_revs: 'all' }))[0]?._rev;
    const res = await db.allDocs({ keys: ['nope', 'c', 'a'], include_docs: true });
    const a = await db.get('a');
    expect(res.rows).toEqual([
      { key: 'nope', error: 'not_found' },
      { id: 'c', key: 'c', value: { rev: deletedRev, deleted: true }, doc: null },
      { id: 'a', key: 'a', value: { rev: a._rev }, doc: a },
    ]);
    expect(res.total_rows).toBe(4);
  });

  test('keys with skip, limit and descending pages the key list', async () => {
    const db = await seed(ctx);
    expect(ids(await db.allDocs({ keys: ['a', 'b', 'd', 'e'], skip: 1, limit: 2 }))).toEqual([
      'b',
      'd',
    ]);
    expect(ids(await db.allDocs({ keys: ['a', 'nope', 'd'], descending: true }))).toEqual([
      'd',
      '!nope',
      'a',
    ]);
  });

  test('keys: [] answers no rows', async () => {
    const db = await seed(ctx);
    expect(await db.allDocs({ keys: [] })).toMatchObject({ total_rows: 4, rows: [] });
  });

  test('keys with startkey, endkey or key is 400 query_parse_error', async () => {
    const db = await seed(ctx);
    for (const other of ['startkey', 'endkey', 'key']) {
      await expectError(db.allDocs({ keys: ['a'], [other]: 'a' }), {
        ...PouchErrors.QUERY_PARSE_ERROR,
        reason: `Query parameter \`${other}\` is not compatible with multi-get`,
      });
    }
  });

  test('keys that is not an array is rejected with "options.keys must be an array"', async () => {
    const db = await seed(ctx);
    expect(messageOf(await rejectionOf(db.allDocs({ keys: 'a' })))).toBe(
      'options.keys must be an array',
    );
  });
}
