import { afterEach, describe, expect, it } from 'vitest';
import { newDb, type Satchel, type Storage } from './helpers.js';

const DDOC = {
  _id: '_design/p',
  views: { by_n: { map: 'function (doc) { emit(doc.n, doc.tag || null); }' } },
};

const open: Satchel[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy().catch(() => undefined);
});

/** A fresh database with the design doc and documents `a`, `b`, `c`. */
async function setup(storage: Storage, opts: object = {}): Promise<Satchel> {
  const db = newDb(storage, opts);
  open.push(db);
  await db.bulkDocs([DDOC, { _id: 'a', n: 1 }, { _id: 'b', n: 2 }, { _id: 'c', n: 3 }]);
  return db;
}

/** The `[key, id, value]` of every row of the view. */
async function rows(db: Satchel, opts: object = {}): Promise<unknown[]> {
  const res = await db.query('p/by_n', opts);
  return res.rows.map((r) => [r.key, (r as { id: string }).id, r.value]);
}

describe.each<Storage>(['memory', 'leveldb'])('purges in persistent views on %s', (storage) => {
  it("drops a purged document's rows", async () => {
    const db = await setup(storage);
    expect(await rows(db)).toEqual([
      [1, 'a', null],
      [2, 'b', null],
      [3, 'c', null],
    ]);
    const b = await db.get('b');
    await db.purge('b', b._rev);
    expect(await rows(db)).toEqual([
      [1, 'a', null],
      [3, 'c', null],
    ]);
    expect((await db.query('p/by_n', { limit: 0 })).total_rows).toBe(2);
  });

  it('re-maps the new winner when a conflicting leaf is purged', async () => {
    const db = await setup(storage);
    const a = await db.get('a');
    await db.bulkDocs([{ _id: 'a', _rev: '1-ffffffffffffffffffffffffffffffff', n: 10 }], {
      new_edits: false,
    });
    expect(await rows(db, { key: 10 })).toEqual([[10, 'a', null]]);
    await db.purge('a', '1-ffffffffffffffffffffffffffffffff');
    expect(await rows(db, { keys: [1, 10] })).toEqual([[1, 'a', null]]);
    expect((await db.get('a'))._rev).toBe(a._rev);
  });

  it('indexes a document re-created after its purge', async () => {
    const db = await setup(storage);
    await rows(db);
    await db.purge('c', (await db.get('c'))._rev);
    await db.put({ _id: 'c', n: 30, tag: 'again' });
    expect(await rows(db, { startkey: 3 })).toEqual([[30, 'c', 'again']]);
    await db.purge('c', (await db.get('c'))._rev);
    expect(await rows(db, { startkey: 3 })).toEqual([]);
    await db.put({ _id: 'c', n: 31 });
    expect(await rows(db, { startkey: 3 })).toEqual([[31, 'c', null]]);
  });

  it('re-maps every indexed document when the purge log was trimmed past the index', async () => {
    const db = await setup(storage, { purged_infos_limit: 2 });
    await db.bulkDocs([{ _id: 'd', n: 4 }]);
    await rows(db);
    for (const id of ['a', 'b', 'c']) await db.purge(id, (await db.get(id))._rev);
    expect(await rows(db)).toEqual([[4, 'd', null]]);
  });
});
