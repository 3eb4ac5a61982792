import { describe, expect, it } from 'vitest';
import { GROCERY, KEY_MAP_CASE, OPERATOR_CASES } from './fixtures.js';
import type { Satchel } from './helpers.js';

type Doc = Record<string, unknown> & { _id: string };

const ids = (docs: object[]): string[] => docs.map((d) => (d as Doc)._id);

/** Runs `body` on a fresh database holding the grocery, destroying it afterwards. */
async function withGrocery(make: () => Satchel, body: (db: Satchel) => Promise<void>) {
  const db = make();
  try {
    await db.bulkDocs(structuredClone(GROCERY));
    await body(db);
  } finally {
    await db.destroy();
  }
}

/**
 * The behaviour every local adapter must give `find` and the index methods: every operator
 * with and without an index, every request option, index management, incremental updates.
 * @param make - opens a fresh, empty database.
 */
export function findSuite(make: () => Satchel): void {
  describe('operators', () => {
    for (const c of [...OPERATOR_CASES, KEY_MAP_CASE]) {
      it(`${JSON.stringify(c.selector)} without and with an index on ${c.field}`, async () => {
        await withGrocery(make, async (db) => {
          const scan = await db.find({ selector: c.selector });
          expect(ids(scan.docs).sort()).toEqual(c.ids);
          await db.createIndex({ index: { fields: [c.field] } });
          const indexed = await db.find({ selector: c.selector, use_index: undefined });
          expect(ids(indexed.docs).sort()).toEqual(c.ids);
        });
      });
    }
  });

  describe('request options', () => {
    it('sorts through an index in every spelling, ascending and descending', async () => {
      await withGrocery(make, async (db) => {
        await db.createIndex({ index: { fields: ['price'] } });
        const selector = { price: { $gte: 0 } };
        const asc = ['banana', 'carrot', 'apple', 'eggplant', 'date', 'fig'];
        expect(ids((await db.find({ selector, sort: ['price'] })).docs)).toEqual(asc);
        expect(ids((await db.find({ selector, sort: [{ price: 'asc' }] })).docs)).toEqual(asc);
        const desc = await db.find({ selector, sort: [{ price: 'desc' }] });
        expect(ids(desc.docs)).toEqual([...asc].reverse());
        expect(desc.warning).toBeUndefined();
      });
    });

    it('sorts on a two-field index and narrows by both fields', async () => {
      await withGrocery(make, async (db) => {
        await db.createIndex({ index: { fields: ['type', 'price'] } });
        const res = await db.find({
          selector: { type: 'fruit', price: { $gt: 1 } },
          sort: [{ type: 'desc' }, { price: 'desc' }],
        });
        expect(ids(res.docs)).toEqual(['fig', 'date', 'apple']);
        const plan = await db.explain({ selector: { type: 'fruit', price: { $gt: 1 } } });
        expect(plan.range).toEqual({
          start_key: ['fruit', 1],
          end_key: ['fruit', { '\uffff': {} }],
        });
      });
    });

    it('applies limit, skip and fields (nested ones too)', async () => {
      await withGrocery(make, async (db) => {
        await db.createIndex({ index: { fields: ['price'] } });
        const res = await db.find({
          selector: { price: { $gte: 0 } },
          sort: ['price'],
          skip: 1,
          limit: 2,
          fields: ['_id', 'stock.count', 'missing'],
        });
        expect(res.docs).toEqual([
          { _id: 'carrot', stock: { count: 5 } },
          { _id: 'apple', stock: { count: 10 } },
        ]);
        const scan = await db.find({ selector: { type: 'veg' }, limit: 1 });
        expect(ids(scan.docs)).toEqual(['carrot']);
        expect((await db.find({ selector: { type: 'veg' }, limit: 0 })).docs).toEqual([]);
      });
    });

    it('limits to 25 documents by default, as CouchDB', async () => {
      const db = make();
      try {
        await db.bulkDocs(Array.from({ length: 30 }, (_, i) => ({ _id: `d${i}`, n: i })));
        expect((await db.find({ selector: { n: { $gte: 0 } } })).docs).toHaveLength(25);
        expect((await db.find({ selector: { n: { $gte: 0 } }, limit: 30 })).docs).toHaveLength(30);
      } finally {
        await db.destroy();
      }
    });

    it('honours use_index as a string, an array, with or without _design/', async () => {
      await withGrocery(make, async (db) => {
        await db.createIndex({ index: { fields: ['price'], ddoc: 'p', name: 'by-price' } });
        await db.createIndex({ index: { fields: ['price', 'type'], ddoc: 'pt', name: 'by-pt' } });
        const selector = { price: { $gt: 2 } };
        expect((await db.explain({ selector })).index.name).toBe('by-price');
        for (const use_index of ['pt', '_design/pt', ['pt', 'by-pt'], ['_design/pt', 'by-pt']]) {
          const plan = await db.explain({ selector, use_index });
          expect(plan.index.ddoc).toBe('_design/pt');
          expect(plan.opts.use_index).toEqual(Array.isArray(use_index) ? ['pt', 'by-pt'] : ['pt']);
          const res = await db.find({ selector, use_index });
          expect(ids(res.docs)).toEqual(['apple', 'eggplant', 'date', 'fig']);
        }
        await expect(db.find({ selector: { name: 'x' }, use_index: 'pt' })).rejects.toMatchObject({
          error: 'no_usable_index',
          message: 'There is no index available for this selector.',
        });
        await expect(db.find({ selector, use_index: 'nope' })).rejects.toMatchObject({
          error: 'unknown_error',
          message: 'Could not find that index or could not use that index for the query',
        });
      });
    });

    it('accepts r, conflicts, bookmark and execution_stats (ignored locally, as by pouchdb-find)', async () => {
      await withGrocery(make, async (db) => {
        const res = await db.find({
          selector: { type: 'veg' },
          r: 1,
          conflicts: true,
          bookmark: 'nil',
          execution_stats: true,
        });
        expect(ids(res.docs)).toEqual(['carrot', 'eggplant']);
        expect(Object.keys(res).sort()).toEqual(['docs', 'warning']);
      });
    });

    it('warns when no index serves the query, and refuses a sort it cannot give', async () => {
      await withGrocery(make, async (db) => {
        const res = await db.find({ selector: { type: 'veg' } });
        expect(res.warning).toBe(
          'No matching index found, create an index to optimize query time.',
        );
        const byId = await db.find({ selector: { type: 'veg' }, sort: [{ _id: 'desc' }] });
        expect(ids(byId.docs)).toEqual(['eggplant', 'carrot']);
        await expect(db.find({ selector: { type: 'veg' }, sort: ['name'] })).rejects.toMatchObject({
          status: 400,
          message: 'Cannot sort on field(s) "name" when using the default index',
        });
        // _id ranges use _all_docs itself: no warning.
        const ranged = await db.find({ selector: { _id: { $gt: 'carrot', $lt: 'fig' } } });
        expect(ids(ranged.docs)).toEqual(['date', 'eggplant']);
        expect(ranged.warning).toBeUndefined();
      });
    });

    it('finds nothing for an empty condition, and everything for an empty selector', async () => {
      await withGrocery(make, async (db) => {
        expect((await db.find({ selector: { type: {} } })).docs).toEqual([]);
        expect((await db.find({ selector: { $or: [] } })).docs).toEqual([]);
        const all = await db.find({ selector: {} });
        expect(ids(all.docs)).toEqual(['apple', 'banana', 'carrot', 'date', 'eggplant', 'fig']);
      });
    });

    it('reads escaped field names', async () => {
      const db = make();
      try {
        await db.bulkDocs([
          { _id: 'x', 'a.b': 1, a: { b: 2 } },
          { _id: 'y', 'a.b': 2, a: { b: 1 } },
        ]);
        await db.createIndex({ index: { fields: ['a\\.b'] } });
        expect(ids((await db.find({ selector: { 'a\\.b': 1 } })).docs)).toEqual(['x']);
        expect(ids((await db.find({ selector: { 'a.b': 1 } })).docs)).toEqual(['y']);
      } finally {
        await db.destroy();
      }
    });
  });

  describe('indexes', () => {
    it('creates an index once, with pouchdb-find-style ids, and lists it', async () => {
      await withGrocery(make, async (db) => {
        const created = await db.createIndex({ index: { fields: ['price'] } });
        expect(created.result).toBe('created');
        expect(created.id).toMatch(/^_design\/idx-[0-9a-f]{32}$/);
        expect(created.name).toBe(created.id.slice('_design/'.length));
        expect(await db.createIndex({ index: { fields: ['price'] } })).toEqual({
          ...created,
          result: 'exists',
        });
        const { indexes, total_rows } = await db.getIndexes();
        expect(total_rows).toBe(2);
        expect(indexes).toEqual([
          { ddoc: null, name: '_all_docs', type: 'special', def: { fields: [{ _id: 'asc' }] } },
          {
            ddoc: created.id,
            name: created.name,
            type: 'json',
            def: { fields: [{ price: 'asc' }] },
          },
        ]);
        const ddoc = (await db.get(created.id)) as Record<string, unknown>;
        expect(ddoc.language).toBe('query');
        expect(ddoc.views).toEqual({
          [created.name]: {
            map: { fields: { price: 'asc' } },
            reduce: '_count',
            options: { def: { fields: ['price'] } },
          },
        });
      });
    });

    it('keeps several named indexes in one design doc and deletes them one by one', async () => {
      await withGrocery(make, async (db) => {
        await db.createIndex({ index: { fields: ['price'], ddoc: 'shop', name: 'b-price' } });
        await db.createIndex({ index: { fields: ['name'], ddoc: 'shop', name: 'a-name' } });
        const names = async () => (await db.getIndexes()).indexes.map((i) => i.name);
        expect(await names()).toEqual(['_all_docs', 'a-name', 'b-price']);
        expect(await db.deleteIndex({ ddoc: '_design/shop', name: 'b-price' })).toEqual({
          ok: true,
        });
        expect(await names()).toEqual(['_all_docs', 'a-name']);
        await db.deleteIndex({ ddoc: '_design/shop', name: 'a-name' });
        expect(await names()).toEqual(['_all_docs']);
        await expect(db.get('_design/shop')).rejects.toMatchObject({ status: 404 });
        // The deleted index is gone from planning: back to the fallback.
        expect((await db.find({ selector: { price: 1 } })).warning).toBeDefined();
      });
    });

    it('destroys the stored rows of deleted indexes, and of design docs removed by hand', async () => {
      await withGrocery(make, async (db) => {
        const companions = async () => {
          const doc = (await db.get('_local/_pouch_dependentDbs').catch(() => ({}))) as {
            dependentDbs?: object;
          };
          return Object.keys(doc.dependentDbs ?? {}).filter((name) => name.includes('-mango-'));
        };
        const a = await db.createIndex({ index: { fields: ['price'], ddoc: 'a' } });
        await db.createIndex({ index: { fields: ['name'], ddoc: 'b' } });
        const c = await db.createIndex({ index: { fields: ['type'], ddoc: 'c' } });
        expect(await companions()).toHaveLength(3);
        const b = await db.get('_design/b');
        await db.remove(b._id, b._rev);
        await db.deleteIndex({ ddoc: a.id, name: a.name });
        expect(await companions()).toHaveLength(1);
        expect(ids((await db.find({ selector: { type: 'veg' } })).docs)).toEqual([
          'carrot',
          'eggplant',
        ]);
        await db.deleteIndex({ ddoc: c.id, name: c.name });
        expect(await companions()).toEqual([]);
      });
    });

    it('indexes only the documents a partial_filter_selector admits', async () => {
      await withGrocery(make, async (db) => {
        await db.createIndex({
          index: { fields: ['price'], partial_filter_selector: { type: 'fruit' }, ddoc: 'f' },
        });
        const res = await db.find({ selector: { price: { $gt: 0 } }, use_index: 'f' });
        expect(ids(res.docs)).toEqual(['banana', 'apple', 'date', 'fig']);
        const listed = (await db.getIndexes()).indexes[1];
        expect(listed?.def).toEqual({
          fields: [{ price: 'asc' }],
          partial_filter_selector: { type: { $eq: 'fruit' } },
        });
      });
    });

    it('stays up to date with writes, updates and deletes', async () => {
      await withGrocery(make, async (db) => {
        await db.createIndex({ index: { fields: ['price'] } });
        const find = async () => ids((await db.find({ selector: { price: { $lt: 3 } } })).docs);
        expect(await find()).toEqual(['banana', 'carrot']);
        const banana = await db.get('banana');
        await db.put({ ...banana, price: 9 });
        const carrot = await db.get('carrot');
        await db.remove(carrot._id, carrot._rev);
        await db.bulkDocs([
          { _id: 'kiwi', price: 0 },
          { _id: 'lime', price: 2.5 },
        ]);
        expect(await find()).toEqual(['kiwi', 'lime']);
        await db.put({ _id: 'carrot', price: 1 });
        expect(await find()).toEqual(['kiwi', 'carrot', 'lime']);
        const kiwi = await db.get('kiwi');
        await db.put({ _id: 'kiwi', _rev: kiwi._rev, price: 0, note: 'same key' });
        expect(await find()).toEqual(['kiwi', 'carrot', 'lime']);
      });
    });

    it('refuses malformed index requests with clear errors', async () => {
      await withGrocery(make, async (db) => {
        await expect(
          db.createIndex({ index: { fields: ['a', { b: 'desc' }] } }),
        ).rejects.toMatchObject({
          status: 400,
          message: 'unsupported mixed sorting',
        });
        await expect(db.createIndex({ index: {} } as never)).rejects.toMatchObject({ status: 400 });
        await expect(db.createIndex('x' as never)).rejects.toMatchObject({ status: 400 });
        await expect(
          db.createIndex({ index: { fields: [{ a: 'up' }] } } as never),
        ).rejects.toMatchObject({
          status: 400,
        });
        await expect(db.deleteIndex({ ddoc: '_design/none', name: 'x' })).rejects.toMatchObject({
          status: 404,
        });
        await expect(db.deleteIndex({ name: 'x' } as never)).rejects.toMatchObject({
          message: 'you must supply an index.ddoc when deleting',
        });
        await expect(db.deleteIndex({ ddoc: 'x' } as never)).rejects.toMatchObject({
          message: 'you must supply an index.name when deleting',
        });
        await expect(
          db.createIndex({ index: { fields: ['x'], ddoc: 'app' } }),
        ).rejects.toMatchObject({
          message: 'invalid language for ddoc with id "_design/app" (should be "query")',
        });
      });
    });
  });

  describe('callbacks', () => {
    it('every method takes a callback as its last argument', async () => {
      await withGrocery(make, async (db) => {
        const call = <T>(fn: (cb: (err: Error | null, res?: T) => void) => void) =>
          new Promise<T>((resolve, reject) =>
            fn((err, res) => (err ? reject(err) : resolve(res as T))),
          );
        const created = await call<{ id: string; name: string }>((cb) =>
          db.createIndex({ index: { fields: ['price'] } }, cb),
        );
        const listed = await call<{ total_rows: number }>((cb) => db.getIndexes(cb));
        expect(listed.total_rows).toBe(2);
        const found = await call<{ docs: object[] }>((cb) =>
          db.find({ selector: { price: 1 } }, cb),
        );
        expect(ids(found.docs)).toEqual(['banana']);
        const plan = await call<{ index: { name: string } }>((cb) =>
          db.explain({ selector: { price: 1 } }, cb),
        );
        expect(plan.index.name).toBe(created.name);
        await call((cb) => db.deleteIndex({ ddoc: created.id, name: created.name }, cb));
        const failed = await call((cb) =>
          db.find({ selector: { price: 1 }, sort: 'x' } as never, cb),
        ).catch((err: Error) => err.message);
        expect(failed).toBe('invalid sort json - should be an array');
      });
    });
  });
}
