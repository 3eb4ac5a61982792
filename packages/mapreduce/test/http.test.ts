import { httpAdapter } from '@satchel/adapter-http';
import { type CouchServer, startCouchServer } from '@satchel/servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcome, type PouchLike, pouchDB, Satchel, uniqueName } from './helpers.js';
import { pick, prng, randomDocs } from './random-data.js';
import { DESIGN_DOC, randomOptions, VIEW_NAMES } from './random-options.js';

Satchel.adapter('http', httpAdapter);

let server: CouchServer;
let db: Satchel;
let pouch: PouchLike;

beforeAll(async () => {
  server = await startCouchServer();
  db = new Satchel(`${server.url}/${uniqueName('satchel')}`, { adapter: 'http' });
  pouch = new (pouchDB())(`${server.url}/${uniqueName('pouch')}`);
  const docs = [...randomDocs(prng(7), 30), DESIGN_DOC];
  await db.bulkDocs(structuredClone(docs));
  await pouch.bulkDocs(structuredClone(docs));
}, 30_000);

afterAll(async () => {
  await db.destroy();
  await pouch.destroy();
  await server.stop();
});

/** Runs the same query through Satchel's and PouchDB's http adapters; expects one outcome. */
async function same(fun: unknown, opts: object = {}): Promise<unknown> {
  const ours = await outcome(db.query(fun as string, structuredClone(opts)));
  const theirs = await outcome(pouch.query(fun, structuredClone(opts)));
  expect(ours, JSON.stringify(opts)).toEqual(theirs);
  return ours;
}

describe('query on adapter-http goes to the server', () => {
  it('has db.fetch on remote databases only', () => {
    expect(typeof db.fetch).toBe('function');
    expect(new Satchel(uniqueName(), { adapter: 'memory' }).fetch).toBeUndefined();
  });

  it('answers design-doc views with random options as pouchdb@9 does', async () => {
    const rand = prng(11);
    for (let q = 0; q < 40; q++) {
      const opts = randomOptions(rand);
      delete opts.binary;
      await same(
        pick(
          rand,
          VIEW_NAMES.filter((v) => v !== 'd/throwing'),
        ),
        opts,
      );
    }
  });

  it('sends long key lists in a POST body', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `key-${i}-${'x'.repeat(10)}`);
    const res = (await same('d/plain', { keys: [...keys, 'a', 1, null] })) as { result: object };
    expect(res).toHaveProperty('result.rows');
  });

  it('posts temporary views to _temp_view', async () => {
    await same({ map: DESIGN_DOC.views.sum.map, reduce: '_sum' }, { group: true });
    await same(DESIGN_DOC.views.plain, { startkey: 'a', limit: 3 });
    await same('function (doc) { emit(doc.n); }', { limit: 2 });
  });

  it("returns the server's errors as PouchDB errors", async () => {
    const missing = (await same('nope/x')) as { error: object };
    expect(missing.error).toMatchObject({ status: 404, name: 'not_found' });
    await same('d/nope');
    const parse = (await same('d/plain', { startkey: 'z', endkey: 'a' })) as { error: object };
    expect(parse.error).toMatchObject({ status: 400, name: 'query_parse_error' });
    await same('d/sum', { include_docs: true });
    await same('d/approx');
  });

  it('reads attachments as binary when asked', async () => {
    await db.put({
      _id: 'with-att',
      n: 1000,
      _attachments: { 'a.txt': { content_type: 'text/plain', data: btoa('hello') } },
    });
    const res = await db.query('d/plain', {
      key: null,
      include_docs: true,
      attachments: true,
      binary: true,
    });
    const row = res.rows.find((r) => (r as { id: string }).id === 'with-att') as unknown as {
      doc: { _attachments: Record<string, { data: unknown }> };
    };
    expect(Buffer.from(row.doc._attachments['a.txt']?.data as Uint8Array).toString()).toBe('hello');
  });

  it('asks the server to clean up views', async () => {
    // express-pouchdb never answers `_view_cleanup` (pouchdb@9's own http adapter hangs on it
    // too), so this one request is answered here; every other request goes to the server.
    const sent: string[] = [];
    const fetch = (url: string, init: RequestInit): Promise<Response> => {
      sent.push(`${init.method ?? 'GET'} ${url}`);
      if (url.endsWith('/_view_cleanup')) return Promise.resolve(Response.json({ ok: true }));
      return globalThis.fetch(url, init);
    };
    const remote = new Satchel(db.name, { adapter: 'http', fetch } as Record<string, unknown>);
    expect(await remote.viewCleanup()).toEqual({ ok: true });
    expect(sent).toContain(`POST ${db.name}/_view_cleanup`);
  });

  it('answers through a callback too', async () => {
    const res = await new Promise((resolve, reject) => {
      db.query('d/plain', { limit: 1 }, (err, out) => (err ? reject(err) : resolve(out)));
    });
    expect(res).toMatchObject({ offset: 0 });
  });
});
