import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapRow } from '../src/index.js';
import { newDb, newPouch, outcome, type PouchLike, type Satchel } from './helpers.js';

/** Nested arrays `depth` levels deep. */
function deepArray(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const DDOC = {
  _id: '_design/e',
  views: {
    plain: { map: 'function (doc) { emit(doc.n); }' },
    sum: { map: 'function (doc) { emit(doc.n, doc.n); }', reduce: '_sum' },
    late_throw: {
      map: 'function (doc) { emit("before", doc.n); if (doc.n === 2) { throw new Error("late"); } emit("after", doc.n); }',
    },
    bad_map: { map: 'function (doc) { emit(doc.n; }' },
    bad_reduce: {
      map: 'function (doc) { emit(doc.n); }',
      reduce: 'function (k, v) { return ; + }',
    },
    not_a_function: { map: '42' },
    approx: { map: 'function (doc) { emit(doc.n % 2); }', reduce: '_approx_count_distinct' },
    unknown_builtin: { map: 'function (doc) { emit(doc.n); }', reduce: '_median' },
    object_map: { map: { not: 'a string' } },
    deep: { map: 'function (doc) { if (doc.deep) { emit(doc.deep, doc.deep); } }' },
  },
};

const DOCS = [
  { _id: 'a', n: 1 },
  { _id: 'b', n: 2 },
  { _id: 'c', n: 3, deep: deepArray(800) },
  DDOC,
];

let db: Satchel;
let pouch: PouchLike;
const errors = { ours: 0, theirs: 0 };

beforeAll(async () => {
  db = newDb();
  pouch = newPouch();
  db.on('error', () => {
    errors.ours += 1;
  });
  pouch.on('error', () => {
    errors.theirs += 1;
  });
  await db.bulkDocs(JSON.parse(JSON.stringify(DOCS)));
  await pouch.bulkDocs(JSON.parse(JSON.stringify(DOCS)));
});
afterAll(async () => {
  await db.destroy();
  await pouch.destroy();
});

/** Runs the same query on both and expects the same outcome and the same error events. */
async function same(fun: unknown, opts: object = {}): Promise<unknown> {
  const before = { ...errors };
  const ours = await outcome(db.query(fun as string, structuredClone(opts)));
  const theirs = await outcome(pouch.query(fun, structuredClone(opts)));
  expect(ours).toEqual(theirs);
  expect(errors.ours - before.ours).toBe(errors.theirs - before.theirs);
  return ours;
}

describe('errors as pouchdb@9 reports them', () => {
  it('404s a missing design doc, a missing view and a non-string map', async () => {
    for (const name of ['nope/x', 'e/nope', 'e', 'e/object_map', '', 'a/b/c']) await same(name);
    const missing = (await same('e/nope')) as { error: object };
    expect(missing.error).toEqual({
      status: 404,
      name: 'not_found',
      message: 'ddoc _design/e has no view named nope',
    });
  });

  it('refuses bad options with query_parse_error', async () => {
    for (const opts of [
      { startkey: 3, endkey: 1 },
      { startkey: 1, endkey: 3, descending: true },
      { limit: -1 },
      { skip: 'x' },
      { group_level: -2 },
    ]) {
      const res = (await same('e/plain', opts)) as { error: { name: string } };
      expect(res.error.name).toBe('query_parse_error');
    }
    for (const opts of [{ include_docs: true }, { keys: [1, 2] }]) {
      const res = (await same('e/sum', opts)) as { error: { name: string } };
      expect(res.error.name).toBe('query_parse_error');
    }
  });

  it('skips a document whose map function throws, dropping what it emitted first', async () => {
    const res = (await same('e/late_throw')) as { result: { rows: { id: string }[] } };
    expect(res.result.rows.map((r) => r.id)).toEqual(['a', 'c', 'a', 'c']);
    await same({ map: DDOC.views.late_throw.map });
  });

  it('keeps what a two-argument map function emitted before throwing, as pouchdb does', async () => {
    const map = (doc: { n: number }, emit: (k: unknown) => void) => {
      emit(doc.n);
      if (doc.n === 2) throw new Error('after emit');
    };
    const res = (await same(map)) as { result: { rows: unknown[] } };
    expect(res.result.rows).toHaveLength(3);
  });

  it('reports a map or reduce that does not compile per document, not as a failed query', async () => {
    await same('e/bad_map');
    await same('e/bad_reduce');
    await same('e/not_a_function');
    await same({ map: 'not a function at all' });
  });

  it('counts distinct keys with _approx_count_distinct (CouchDB; pouchdb@9 lacks it)', async () => {
    // Keys emitted: a → 1, b → 0, c → 1.
    expect((await db.query('e/approx')).rows).toEqual([{ key: null, value: 2 }]);
    expect((await db.query('e/approx', { group: true })).rows).toEqual([
      { key: 0, value: 1 },
      { key: 1, value: 1 },
    ]);
    expect((await db.query('e/approx', { startkey: 1 })).rows).toEqual([{ key: null, value: 1 }]);
    await same('e/approx', { reduce: false });
    await same('e/unknown_builtin');
  });

  it('handles deeply nested keys and values', async () => {
    await same('e/deep', { key: deepArray(800) });
    const res = (await same('e/deep', { startkey: deepArray(2000) })) as {
      result: { rows: unknown[] };
    };
    expect(res.result.rows).toHaveLength(0);
    expect((await db.query('e/deep')).rows).toHaveLength(1);
  });
});

describe('hostile input gets a clear error (pouchdb@9 throws a TypeError)', () => {
  const parseError = { status: 400, name: 'query_parse_error' };

  it('refuses a first argument that is no view', async () => {
    for (const fun of [null, undefined, 42, {}, { reduce: '_sum' }, []]) {
      await expect(db.query(fun as unknown as string)).rejects.toMatchObject(parseError);
    }
  });

  it('refuses options that are not an object, and keys that are not an array', async () => {
    for (const opts of ['str', 5, true, [1]]) {
      await expect(db.query('e/plain', opts as object)).rejects.toMatchObject(parseError);
    }
    for (const keys of ['abc', 5, null, { a: 1 }]) {
      await expect(db.query('e/plain', { keys } as object)).rejects.toMatchObject({
        ...parseError,
        message: '`keys` member must be an array.',
      });
    }
  });

  it('refuses fractional and infinite counts, and ignores null ones', async () => {
    for (const opts of [{ limit: 1.5 }, { skip: 0.5 }, { limit: Number.POSITIVE_INFINITY }]) {
      await expect(db.query('e/plain', opts)).rejects.toMatchObject({
        ...parseError,
        message: `Invalid value for integer: "${Object.values(opts)[0]}"`,
      });
    }
    await expect(db.query('e/sum', { group_level: 1.5, group: true })).rejects.toMatchObject(
      parseError,
    );
    await same('e/plain', { limit: null, skip: null });
    await same('e/plain', { limit: '2', skip: '1' });
  });

  it('fails through the callback too, never by throwing', async () => {
    const err = await new Promise((resolve) => {
      const ret = db.query('e/plain', 'bad' as unknown as object, (e) => resolve(e));
      expect(ret).toBeInstanceOf(Promise);
      ret.catch(() => undefined);
    });
    expect(err).toMatchObject(parseError);
  });
});

describe('view functions run sandboxed, as pouchdb@9 runs them on Node', () => {
  it('gives them no host globals and JSON copies of documents', async () => {
    const res = (await same({
      map: 'function (doc) { globalThis.leaked = true; doc.n = 100; emit([typeof process, typeof require], doc.n); }',
    })) as { result: { rows: { key: unknown }[] } };
    expect(res.result.rows[0]?.key).toEqual(['undefined', 'undefined']);
    expect((globalThis as { leaked?: boolean }).leaked).toBeUndefined();
    const withDocs = (await same('e/plain', { key: 1, include_docs: true })) as {
      result: { rows: { doc: { n: number } }[] };
    };
    expect(withDocs.result.rows[0]?.doc.n).toBe(1);
  });

  it('gives a custom reduce PouchDB’s sum, null when it throws', async () => {
    await same({
      map: 'function (doc) { emit(doc.n, doc._id); }',
      reduce: 'function (keys, values) { return sum(values); }',
    });
    await same(
      {
        map: 'function (doc) { emit(doc.n % 2, [doc.n, 1]); }',
        reduce: 'function (keys, values) { return [sum(values), isArray(values), toJSON("[1]")]; }',
      },
      { group: true },
    );
  });
});

/** A fresh database on `storage` and how many `error` events it has emitted so far. */
function errorCountingDb(storage: 'memory' | 'leveldb'): {
  store: Satchel;
  reported: () => number;
} {
  const store = newDb(storage);
  let count = 0;
  store.on('error', () => {
    count += 1;
  });
  return { store, reported: () => count };
}

/** The document ids of map rows. */
const ids = (rows: unknown[]): string[] => rows.map((r) => (r as MapRow).id);

describe('an emit JSON cannot hold skips its document, never failing the query', () => {
  it('skips a document emitting a circular value or key, as pouchdb@9 does', async () => {
    for (const map of [
      'function (doc) { var o = {}; o.o = o; emit(doc.n, doc.n === 2 ? o : 1); }',
      'function (doc) { var o = {}; o.o = o; emit(doc.n === 2 ? o : doc.n); }',
    ]) {
      const res = (await same({ map })) as { result: { rows: { id: string }[] } };
      expect(
        res.result.rows.map((r) => r.id),
        map,
      ).toEqual(['a', 'c']);
    }
  });

  it('skips only the document emitting a bigint or a throwing toJSON (pouchdb@9 loses all)', async () => {
    for (const map of [
      'function (doc) { emit(doc.n, doc.n === 2 ? BigInt(1) : 1); }',
      'function (doc) { emit(doc.n, doc.n === 2 ? { toJSON: function () { throw 1; } } : 1); }',
    ]) {
      const before = errors.ours;
      const res = await db.query({ map });
      expect(ids(res.rows), map).toEqual(['a', 'c']);
      expect(errors.ours - before).toBe(1);
      await db.put({ _id: '_design/json', views: { v: { map } } });
      expect(ids((await db.query('json/v')).rows)).toEqual(['a', 'c']);
      await db.remove(await db.get('_design/json'));
    }
  });

  it('stores a function value as null in a temporary view too, as pouchdb@9 does', async () => {
    const res = (await same({ map: 'function (doc) { emit(doc.n, function () {}); }' })) as {
      result: { rows: { value: unknown }[] };
    };
    expect(res.result.rows[0]).toHaveProperty('value', null);
  });

  it('skips a function, symbol or bigint key (pouchdb@9 fails every query of the view)', async () => {
    for (const storage of ['memory', 'leveldb'] as const) {
      const { store, reported } = errorCountingDb(storage);
      await store.bulkDocs([
        { _id: 'a', n: 1, k: 'function' },
        { _id: 'b', n: 2, k: 'symbol' },
        { _id: 'c', n: 3, k: 'bigint' },
        { _id: 'd', n: 4, k: 'undefined' },
        {
          _id: '_design/k',
          views: {
            k: {
              map: `function (doc) {
                var odd = { function: function () {}, symbol: Symbol('s'), bigint: BigInt(1) };
                emit(doc.k in odd ? [1, { x: odd[doc.k] }] : doc.k, doc.n);
              }`,
            },
          },
        },
      ]);
      const persisted = await store.query('k/k');
      expect(persisted.rows.map((r) => [r.key, r.value])).toEqual([['undefined', 4]]);
      const twoArgs = (doc: { k: string }, emit: (k: unknown) => void) => {
        emit(doc.k === 'symbol' ? Symbol('s') : doc.k);
      };
      const temporary = await store.query(twoArgs);
      expect(temporary.rows.map((r) => r.key)).toEqual(['bigint', 'function', 'undefined']);
      expect(reported()).toBe(4);
      await store.destroy();
    }
  });
});

describe('a document nested past JSON.stringify recursion', () => {
  it('does not break the view for the other documents (memory and leveldb)', async () => {
    for (const storage of ['memory', 'leveldb'] as const) {
      const { store, reported } = errorCountingDb(storage);
      await store.bulkDocs([
        { _id: 'flat', n: 1 },
        { _id: 'nested', n: 2, a: deepArray(100_000) },
        {
          _id: '_design/d',
          views: {
            byId: { map: 'function (doc) { emit(doc._id, doc.n); }', reduce: '_sum' },
            custom: {
              map: 'function (doc) { emit(doc._id, doc.n); }',
              reduce: 'function (keys, values) { return values.length; }',
            },
            deepValue: { map: 'function (doc) { emit(doc._id, doc.a || 0); }' },
          },
        },
      ]);
      // The nested document reaches the map function (it goes into the sandbox as JSON).
      expect(ids((await store.query('d/byId', { reduce: false })).rows)).toEqual([
        'flat',
        'nested',
      ]);
      expect((await store.query('d/byId')).rows).toEqual([{ key: null, value: 3 }]);
      expect((await store.query('d/custom')).rows).toEqual([{ key: null, value: 2 }]);
      // A value too deep to store skips its document, reported, rather than failing the view.
      expect(ids((await store.query('d/deepValue')).rows)).toEqual(['flat']);
      expect(reported()).toBe(1);
      await store.destroy();
    }
  });
});
