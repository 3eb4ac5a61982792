import { httpAdapter } from '@satchel/adapter-http';
import { type CouchServer, startCouchServer } from '@satchel/servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, Satchel } from './helpers.js';

Satchel.adapter('http', httpAdapter);

let server: CouchServer;
let counter = 0;

beforeAll(async () => {
  server = await startCouchServer();
});
afterAll(() => server.stop());

function remoteDb(): Satchel {
  counter += 1;
  return new Satchel(`${server.url}/mango-${process.pid}-${counter}`);
}

const DOCS = [
  { _id: 'a', type: 'fruit', name: 'apple', price: 3 },
  { _id: 'b', type: 'fruit', name: 'banana', price: 1 },
  { _id: 'c', type: 'veg', name: 'carrot', price: 2 },
];

describe('on a remote database (server _index, _find, _explain)', () => {
  it('creates, lists, uses and deletes an index on the server', async () => {
    const db = remoteDb();
    await db.bulkDocs(structuredClone(DOCS));
    const created = await db.createIndex({
      index: { fields: ['price'], name: 'by-price', ddoc: 'prices' },
    });
    expect(created).toMatchObject({ id: '_design/prices', name: 'by-price', result: 'created' });
    expect(
      (await db.createIndex({ index: { fields: ['price'], name: 'by-price', ddoc: 'prices' } }))
        .result,
    ).toBe('exists');
    const { indexes } = await db.getIndexes();
    expect(indexes.map((i) => i.name)).toEqual(['_all_docs', 'by-price']);
    // The design doc is stored on the server, as a plain document.
    const ddoc = (await db.get('_design/prices')) as { language?: string };
    expect(ddoc.language).toBe('query');
    const found = await db.find({
      selector: { price: { $gt: 1 } },
      sort: ['price'],
      fields: ['name'],
    });
    expect(found.docs).toEqual([{ name: 'carrot' }, { name: 'apple' }]);
    const plan = await db.explain({ selector: { price: { $gt: 1 } } });
    expect(plan.index.name).toBe('by-price');
    expect(await db.deleteIndex({ ddoc: '_design/prices', name: 'by-price' })).toEqual({
      ok: true,
    });
    expect((await db.getIndexes()).indexes.map((i) => i.name)).toEqual(['_all_docs']);
    await db.destroy();
  });

  it("reports the server's errors and warnings", async () => {
    const db = remoteDb();
    await db.bulkDocs(structuredClone(DOCS));
    const scan = await db.find({ selector: { type: 'veg' } });
    expect(scan.docs.map((d) => d._id)).toEqual(['c']);
    expect(scan.warning).toMatch(/No matching index/);
    const err = (await outcome(db.find({ selector: { type: 'veg' }, sort: ['name'] }))) as {
      error: { message: string };
    };
    expect(err.error.message).toMatch(/Cannot sort on field\(s\) "name"/);
    const failure = await db.find({ selector: { type: 'veg' }, sort: ['name'] }).catch((e) => e);
    expect(failure.status).toBe(400);
    await expect(db.find({ selector: { type: { $in: 'x' } } })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/\$in must be an array/),
    });
    await expect(db.deleteIndex({ ddoc: '', name: 'x' })).rejects.toMatchObject({ status: 400 });
    await db.destroy();
  });

  it('answers through callbacks too', async () => {
    const db = remoteDb();
    await db.bulkDocs(structuredClone(DOCS));
    const docs = await new Promise((resolve, reject) => {
      db.find({ selector: { _id: { $gte: 'b' } } }, (err, res) =>
        err ? reject(err) : resolve(res?.docs),
      );
    });
    expect((docs as { _id: string }[]).map((d) => d._id)).toEqual(['b', 'c']);
    await db.destroy();
  });
});
