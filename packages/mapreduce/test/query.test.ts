import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MapRow } from '../src/index.js';
import { newDb, type Satchel } from './helpers.js';

const DOCS = [
  { _id: 'a', n: 1, type: 'x', tags: ['p', 'q'] },
  { _id: 'b', n: 2, type: 'y', tags: ['q'] },
  { _id: 'c', n: 3, type: 'x', tags: [] },
  { _id: 'd', n: 4, type: 'z', link: 'a', tags: ['p'] },
  { _id: 'e', n: 5, type: 'x', tags: ['r'] },
];

const DDOC = {
  _id: '_design/app',
  views: {
    by_n: { map: 'function (doc) { emit(doc.n, doc.type); }' },
    by_type: { map: 'function (doc) { emit(doc.type, doc.n); }', reduce: '_sum' },
    count: { map: 'function (doc) { emit([doc.type, doc.n]); }', reduce: '_count' },
    stats: { map: 'function (doc) { emit(doc.type, doc.n); }', reduce: '_stats' },
    custom: {
      map: 'function (doc) { emit(doc.type, doc.n); }',
      reduce: 'function (keys, values, rereduce) { return values.join(","); }',
    },
    linked: { map: 'function (doc) { if (doc.link) { emit(doc._id, { _id: doc.link }); } }' },
    tags: { map: 'function (doc) { doc.tags.forEach(function (t) { emit(t); }); }' },
  },
};

/** The `emit` a re-evaluated map function sees (it is not a real global). */
declare function emit(key: unknown, value?: unknown): void;

let db: Satchel;

beforeEach(async () => {
  db = newDb();
  await db.bulkDocs([...DOCS, DDOC]);
});
afterEach(async () => {
  await db.destroy();
});

/** The keys of a result's rows. */
function keys(res: { rows: { key: unknown }[] }): unknown[] {
  return res.rows.map((row) => row.key);
}

describe('map queries', () => {
  it('runs a temporary map function and sorts by key then id', async () => {
    const res = await db.query((doc: Record<string, unknown>) => {
      emit(doc.type);
    });
    expect(keys(res)).toEqual(['x', 'x', 'x', 'y', 'z']);
    expect(res.rows.map((r) => (r as MapRow).id)).toEqual(['a', 'c', 'e', 'b', 'd']);
    expect(res.total_rows).toBe(5);
    expect(res.offset).toBe(0);
  });

  it('passes emit as the second argument of a two-argument map', async () => {
    const res = await db.query({ map: (doc, emit) => emit(doc.n, null) });
    expect(keys(res)).toEqual([1, 2, 3, 4, 5]);
    expect(res.rows[0]).toEqual({ key: 1, id: 'a', value: null });
  });

  it('queries a design doc view by name', async () => {
    const res = await db.query('app/by_n', { startkey: 2, endkey: 4 });
    expect(keys(res)).toEqual([2, 3, 4]);
    expect(res.rows.map((r) => r.value)).toEqual(['y', 'x', 'z']);
  });

  it('honours start_key/end_key and inclusive_end', async () => {
    expect(keys(await db.query('app/by_n', { start_key: 2, end_key: 4 }))).toEqual([2, 3, 4]);
    expect(
      keys(await db.query('app/by_n', { startkey: 2, endkey: 4, inclusive_end: false })),
    ).toEqual([2, 3]);
  });

  it('honours descending with ranges', async () => {
    expect(keys(await db.query('app/by_n', { descending: true }))).toEqual([5, 4, 3, 2, 1]);
    expect(keys(await db.query('app/by_n', { descending: true, startkey: 4, endkey: 2 }))).toEqual([
      4, 3, 2,
    ]);
    expect(
      keys(
        await db.query('app/by_n', {
          descending: true,
          startkey: 4,
          endkey: 2,
          inclusive_end: false,
        }),
      ),
    ).toEqual([4, 3]);
  });

  it('honours key, keys, skip and limit', async () => {
    expect(keys(await db.query('app/tags', { key: 'p' }))).toEqual(['p', 'p']);
    const res = await db.query('app/tags', { keys: ['r', 'p', 'nope', 'r'] });
    expect(keys(res)).toEqual(['r', 'p', 'p', 'r']);
    expect(keys(await db.query('app/by_n', { skip: 1, limit: 2 }))).toEqual([2, 3]);
    const paged = await db.query('app/tags', { keys: ['q', 'p'], skip: 1, limit: 2 });
    expect(keys(paged)).toEqual(['q', 'p']);
    expect(paged.offset).toBe(1);
    expect((await db.query('app/by_n', { keys: [] })).rows).toEqual([]);
  });

  it('includes docs, and linked docs through {_id} values', async () => {
    const res = await db.query('app/by_n', { key: 2, include_docs: true });
    expect((res.rows[0] as MapRow).doc).toMatchObject({ _id: 'b', n: 2 });
    const linked = await db.query('app/linked', { include_docs: true });
    expect((linked.rows[0] as MapRow).doc).toMatchObject({ _id: 'a', n: 1 });
  });

  it('skips deleted and design docs and reports update_seq', async () => {
    const doc = await db.get('e');
    await db.remove(doc);
    const res = await db.query('app/by_n', { update_seq: true });
    expect(keys(res)).toEqual([1, 2, 3, 4]);
    expect(res.update_seq).toBe((await db.info()).update_seq);
  });

  it('accepts a callback', async () => {
    const res = await new Promise((resolve, reject) => {
      db.query('app/by_n', { limit: 1 }, (err, out) => (err ? reject(err) : resolve(out)));
    });
    expect(keys(res as { rows: { key: unknown }[] })).toEqual([1]);
  });
});

describe('reduce queries', () => {
  it('reduces with _sum, grouped or not', async () => {
    expect((await db.query('app/by_type')).rows).toEqual([{ key: null, value: 15 }]);
    expect((await db.query('app/by_type', { group: true })).rows).toEqual([
      { key: 'x', value: 9 },
      { key: 'y', value: 2 },
      { key: 'z', value: 4 },
    ]);
    expect((await db.query('app/by_type', { reduce: false, limit: 1 })).rows).toHaveLength(1);
  });

  it('groups array keys by group_level', async () => {
    expect((await db.query('app/count', { group_level: 1 })).rows).toEqual([
      { key: ['x'], value: 3 },
      { key: ['y'], value: 1 },
      { key: ['z'], value: 1 },
    ]);
    expect((await db.query('app/count', { group_level: 0 })).rows).toEqual([
      { key: null, value: 5 },
    ]);
  });

  it('computes _stats and custom reduces', async () => {
    expect((await db.query('app/stats', { key: 'x' })).rows).toEqual([
      { key: null, value: { sum: 9, min: 1, max: 5, count: 3, sumsqr: 35 } },
    ]);
    expect((await db.query('app/custom', { group: true, limit: 1 })).rows).toEqual([
      { key: 'x', value: '1,3,5' },
    ]);
  });

  it('refuses non-numbers in _sum and _stats', async () => {
    const err = { status: 500, name: 'invalid_value' };
    await expect(
      db.query({ map: 'function (d) { emit(d._id, d.type); }', reduce: '_sum' }),
    ).rejects.toMatchObject(err);
    await expect(
      db.query({ map: 'function (d) { emit(d._id, d.type); }', reduce: '_stats' }),
    ).rejects.toMatchObject(err);
  });

  it('computes _stats of number arrays position by position, as CouchDB', async () => {
    const byPosition = { map: 'function (d) { emit(d.type, [d.n, d.n * 10]); }', reduce: '_stats' };
    expect((await db.query(byPosition)).rows).toEqual([
      {
        key: null,
        value: [
          { sum: 15, min: 1, max: 5, count: 5, sumsqr: 55 },
          { sum: 150, min: 10, max: 50, count: 5, sumsqr: 5500 },
        ],
      },
    ]);
    // Grouped, each group has its own list.
    const grouped = await db.query(byPosition, { group: true });
    expect(grouped.rows.map((row) => [row.key, row.value])).toEqual([
      [
        'x',
        [
          { sum: 9, min: 1, max: 5, count: 3, sumsqr: 35 },
          { sum: 90, min: 10, max: 50, count: 3, sumsqr: 3500 },
        ],
      ],
      [
        'y',
        [
          { sum: 2, min: 2, max: 2, count: 1, sumsqr: 4 },
          { sum: 20, min: 20, max: 20, count: 1, sumsqr: 400 },
        ],
      ],
      [
        'z',
        [
          { sum: 4, min: 4, max: 4, count: 1, sumsqr: 16 },
          { sum: 40, min: 40, max: 40, count: 1, sumsqr: 1600 },
        ],
      ],
    ]);
  });

  it('refuses _stats over numbers mixed with arrays, arrays of two lengths, or non-numbers in one', async () => {
    const refusal = (emitted: string, wanted: string) =>
      expect(
        db.query({ map: `function (d) { emit(d._id, ${emitted}); }`, reduce: '_stats' }),
      ).rejects.toMatchObject({
        status: 500,
        name: 'invalid_value',
        message: `builtin _stats function requires map values to be ${wanted}`,
      });
    await refusal('d.n === 3 ? 3 : [d.n]', 'numbers or number arrays, not a mix of both');
    await refusal('d.n === 1 ? 1 : [d.n]', 'numbers or number arrays, not a mix of both');
    await refusal('d.n === 3 ? [3, 3] : [d.n]', 'number arrays of one length');
    await refusal('[d.n, d.type]', 'numbers or number arrays');
  });

  it('sums number arrays element-wise', async () => {
    const res = await db.query({ map: 'function (d) { emit(null, [d.n, 1]); }', reduce: '_sum' });
    expect(res.rows).toEqual([{ key: null, value: [15, 5] }]);
  });
});

describe('errors', () => {
  it('gives PouchDB 404s for a missing design doc or view', async () => {
    await expect(db.query('nope/x')).rejects.toMatchObject({ status: 404, name: 'not_found' });
    await expect(db.query('app/nope')).rejects.toMatchObject({
      status: 404,
      message: 'ddoc _design/app has no view named nope',
    });
  });

  it('refuses bad options with query_parse_error', async () => {
    const parse = { status: 400, name: 'query_parse_error' };
    await expect(db.query('app/by_n', { startkey: 5, endkey: 1 })).rejects.toMatchObject(parse);
    await expect(db.query('app/by_type', { include_docs: true })).rejects.toMatchObject(parse);
    await expect(db.query('app/by_type', { keys: [1, 2] })).rejects.toMatchObject(parse);
    await expect(db.query('app/by_n', { limit: -1 })).rejects.toMatchObject(parse);
  });

  it('skips a document whose map throws and emits an error event', async () => {
    const errors: unknown[] = [];
    db.on('error', (e) => errors.push(e));
    const res = await db.query({
      map: 'function (d) { if (d.n === 2) throw new Error("x"); emit(d.n); }',
    });
    expect(keys(res)).toEqual([1, 3, 4, 5]);
    expect(errors).toHaveLength(1);
  });

  it('cleans up views', async () => {
    expect(await db.viewCleanup()).toEqual({ ok: true });
  });
});

describe('large reductions', () => {
  it('computes _stats and emits over more rows than a call takes arguments', async () => {
    const big = newDb();
    await big.put({ _id: 'many', count: 200_000 });
    const res = await big.query({
      map: 'function (doc) { for (var i = 0; i < doc.count; i++) { emit(null, i % 7); } }',
      reduce: '_stats',
    });
    expect(res.rows).toEqual([
      { key: null, value: { sum: 599_994, min: 0, max: 6, count: 200_000, sumsqr: 2_599_966 } },
    ]);
    await big.destroy();
  });
});
