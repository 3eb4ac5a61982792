import { describe, expect, it } from 'vitest';
import { newDb } from './helpers.js';

/** A value nested `depth` levels deep: `{a: {a: … 1}}`. */
function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

async function rejection(p: Promise<unknown>): Promise<{ status?: number; message?: string }> {
  try {
    await p;
  } catch (err) {
    return err as { status?: number; message?: string };
  }
  throw new Error('expected a rejection');
}

describe('hostile input gives clear errors, never a crash', () => {
  it('refuses deeply nested selectors with a 400', async () => {
    const db = newDb();
    let or: unknown = { a: 1 };
    for (let i = 0; i < 5000; i++) or = { $or: [or] };
    for (const selector of [nested(100_000), or, { a: { $elemMatch: nested(5000) } }]) {
      const err = await rejection(db.find({ selector: selector as Record<string, unknown> }));
      expect(err.status).toBe(400);
      expect(err.message).toMatch(/nested more than 512 levels/);
    }
    await db.destroy();
  });

  it('refuses malformed requests with a 400 and a message', async () => {
    const db = newDb();
    await db.put({ _id: 'x', a: 1 });
    const cases: [unknown, RegExp][] = [
      [undefined, /you must provide search parameters to find\(\)/],
      [null, /you must provide search parameters to find\(\)/],
      ['selector', /you must provide search parameters to find\(\)/],
      [{}, /you must provide a selector when you find\(\)/],
      [{ selector: 'a' }, /you must provide a selector/],
      [{ selector: [] }, /you must provide a selector/],
      [{ selector: { a: { $in: 1 } } }, /Query operator \$in must be an array. Received number: 1/],
      [{ selector: { a: { $foo: 1 } } }, /unknown operator/],
      [{ selector: { a: { $regex: '(' } } }, /invalid pattern/],
      [{ selector: { a: 1 }, sort: 'a' }, /invalid sort json - should be an array/],
      [{ selector: { a: 1 }, sort: [{ a: 'up' }] }, /invalid sort json/],
      [{ selector: { a: 1 }, sort: [42] }, /invalid sort json/],
      [{ selector: { a: 1 }, limit: -1 }, /Invalid value for limit/],
      [{ selector: { a: 1 }, limit: '5' }, /Invalid value for limit/],
      [{ selector: { a: 1 }, skip: 1.5 }, /Invalid value for skip/],
      [{ selector: { a: 1 }, fields: 'a' }, /fields must be an array of strings/],
      [{ selector: { a: 1 }, use_index: 5 }, /use_index must be a string/],
    ];
    for (const [request, message] of cases) {
      const err = await rejection(db.find(request as never));
      expect(err.status, JSON.stringify(request)).toBe(400);
      expect(err.message, JSON.stringify(request)).toMatch(message);
      const plan = await rejection(db.explain(request as never));
      expect(plan.status, JSON.stringify(request)).toBe(400);
    }
    await db.destroy();
  });

  it('refuses malformed index requests with a 400', async () => {
    const db = newDb();
    const cases: unknown[] = [
      undefined,
      null,
      7,
      { index: 'a' },
      { index: { fields: 'a' } },
      { index: { fields: [7] } },
      { index: { fields: [{ a: 'asc', b: 'asc' }] } },
      { index: { fields: ['a'], name: 5 } },
      { index: { fields: ['a'], partial_filter_selector: { a: { $in: 3 } } } },
    ];
    for (const request of cases) {
      const err = await rejection(db.createIndex(request as never));
      expect(err.status, JSON.stringify(request)).toBe(400);
    }
    for (const request of [undefined, null, 'x', {}]) {
      const err = await rejection(db.deleteIndex(request as never));
      expect(err.status, JSON.stringify(request)).toBe(400);
    }
    await db.destroy();
  });

  it('indexes documents with deep, odd or prototype-named fields without crashing', async () => {
    const db = newDb();
    await db.bulkDocs([
      { _id: 'deep', a: nested(2000), constructor: 1 },
      { _id: 'flat', a: 1 },
      { _id: 'proto', a: 2, ['__proto__' as string]: { polluted: true } },
    ]);
    await db.createIndex({ index: { fields: ['a'] } });
    await db.createIndex({ index: { fields: ['constructor'] } });
    await db.createIndex({ index: { fields: ['a.a.a'] } });
    const all = await db.find({ selector: { a: { $gt: null } }, limit: 10 });
    expect(all.docs.map((d) => d._id)).toEqual(['flat', 'proto', 'deep']);
    const byCtor = await db.find({ selector: { constructor: 1 } });
    expect(byCtor.docs.map((d) => d._id)).toEqual(['deep']);
    const deep = await db.find({ selector: { 'a.a.a': { $exists: true } } });
    expect(deep.docs.map((d) => d._id)).toEqual(['deep']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    await db.destroy();
  });
});

describe('index management touches only query design docs', () => {
  it('refuses an index in a JavaScript design doc without changing it (pouchdb-find rewrites it)', async () => {
    const db = newDb();
    const app = { _id: '_design/app', views: { v: { map: 'function (d) { emit(d.n); }' } } };
    const { rev } = await db.put(app);
    const err = await rejection(db.createIndex({ index: { fields: ['n'] }, ddoc: 'app' }));
    expect(err.status).toBe(400);
    expect(err.message).toBe('invalid language for ddoc with id "_design/app" (should be "query")');
    expect(await db.get('_design/app')).toEqual({ ...app, _rev: rev });
    expect((await db.getIndexes()).indexes.map((i) => i.name)).toEqual(['_all_docs']);
    await db.destroy();
  });

  it('deletes only indexes: never a JavaScript view, a plain document or a missing view', async () => {
    const db = newDb();
    const app = { _id: '_design/app', views: { v: { map: 'function (d) { emit(d.n); }' } } };
    const plain = { _id: 'dd', views: { byn: {} } };
    await db.bulkDocs([app, plain]);
    await db.createIndex({ index: { fields: ['n'] }, ddoc: 'dd', name: 'byn' });
    const before = await db.allDocs({ include_docs: true });
    for (const index of [
      { ddoc: '_design/app', name: 'v' },
      { ddoc: '_design/dd', name: 'nope' },
      { ddoc: '_design/dd', name: 'toString' },
      { ddoc: '_design/nope', name: 'byn' },
    ]) {
      const err = await rejection(db.deleteIndex(index));
      expect(err.status, JSON.stringify(index)).toBe(404);
    }
    expect(await db.allDocs({ include_docs: true })).toEqual(before);
    // Without its prefix `dd` names `_design/dd`, as in CouchDB: the plain document stays.
    expect(await db.deleteIndex({ ddoc: 'dd', name: 'byn' })).toEqual({ ok: true });
    expect((await db.getIndexes()).indexes.map((i) => i.name)).toEqual(['_all_docs']);
    expect(await db.get('dd')).toMatchObject(plain);
    await db.destroy();
  });

  it('takes a ddoc given with its _design/ prefix as CouchDB does', async () => {
    const db = newDb();
    await db.bulkDocs([{ _id: 'a', n: 1 }]);
    const made = await db.createIndex({ index: { fields: ['n'] }, ddoc: '_design/x', name: 'n' });
    expect(made).toEqual({ id: '_design/x', name: 'n', result: 'created' });
    for (const useIndex of ['x', '_design/x', ['x', 'n']]) {
      const res = await db.find({ selector: { n: 1 }, use_index: useIndex });
      expect(res.docs.map((d) => d._id)).toEqual(['a']);
    }
    await db.deleteIndex({ ddoc: '_design/x', name: 'n' });
    await expect(db.get('_design/x')).rejects.toMatchObject({ status: 404 });
    await db.destroy();
  });
});

describe('find limit given as undefined', () => {
  it('is the default of 25, as if not given (pouchdb-find answers no documents)', async () => {
    const db = newDb();
    const docs = Array.from({ length: 30 }, (_, i) => ({ _id: `d${String(i).padStart(2, '0')}` }));
    await db.bulkDocs(docs);
    const given = await db.find({ selector: { _id: { $gt: null } }, limit: undefined });
    const absent = await db.find({ selector: { _id: { $gt: null } } });
    expect(given.docs).toHaveLength(25);
    expect(given.docs).toEqual(absent.docs);
    await db.destroy();
  });
});
