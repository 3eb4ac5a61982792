import { type CouchServer, startCouchServer } from '@satchel/servers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import Satchel from '../src/index.js';

let server: CouchServer;
beforeAll(async () => {
  server = await startCouchServer();
});
afterAll(async () => {
  await server.stop();
});

it('a URL name picks the http adapter and talks to the server', async () => {
  const db = new Satchel(`${server.url}/preset-http`);
  expect(db.adapter).toBe('http');
  const { rev } = await db.put({ _id: 'a', v: 1 });
  expect(await db.get('a')).toEqual({ _id: 'a', _rev: rev, v: 1 });
  const info = await db.info();
  expect(info).toMatchObject({ adapter: 'http', doc_count: 1, db_name: 'preset-http' });
  const local = new Satchel('preset-http-copy', { adapter: 'memory' });
  const changes = await db.changes({ include_docs: true });
  await local.bulkDocs(
    changes.results.map((c) => c.doc as { _id: string; _rev: string }),
    { new_edits: false },
  );
  expect(await local.get('a')).toEqual({ _id: 'a', _rev: rev, v: 1 });
  await db.destroy();
  await local.destroy();
});

it('live changes, server-side filters and db.fetch work through the preset', async () => {
  const db = new Satchel(`${server.url}/preset-live`);
  await db.put({
    _id: '_design/app',
    filters: { odd: 'function (doc) { return doc.n % 2 === 1; }' },
  });
  const { update_seq: since } = await db.info();
  const ids: string[] = [];
  const feed = db.changes({ live: true, since, filter: 'app/odd' });
  const seen = new Promise<void>((resolve) => {
    feed.on('change', (change) => {
      ids.push(change.id);
      if (ids.length === 2) resolve();
    });
  });
  await db.bulkDocs([1, 2, 3, 4].map((n) => ({ _id: `n${n}`, n })));
  await seen;
  feed.cancel();
  expect(ids).toEqual(['n1', 'n3']);
  const res = await db.fetch?.('_all_docs?limit=1');
  expect(res?.status).toBe(200);
  expect(((await (res as Response).json()) as { total_rows: number }).total_rows).toBe(5);
  const local = new Satchel('preset-local', { adapter: 'memory' });
  expect((local as { fetch?: unknown }).fetch).toBe(undefined);
  await local.destroy();
  await db.destroy();
});

it('attachments travel to the server as raw bytes through the preset', async () => {
  const sent: Array<{ method: string; path: string; body: unknown }> = [];
  const recording = (url: string, init: RequestInit = {}): Promise<Response> => {
    const { pathname, search } = new URL(url);
    sent.push({ method: init.method ?? 'GET', path: pathname + search, body: init.body });
    return fetch(url, init);
  };
  const db = new Satchel(`${server.url}/preset-att`, { fetch: recording });
  await db.info();
  sent.length = 0;
  const bytes = Buffer.from([0, 1, 2, 123, 254, 255]);
  const { rev } = await db.putAttachment('d', 'a b.bin', bytes, 'application/octet-stream');
  expect(sent.map(({ method, path }) => `${method} ${path}`)).toEqual([
    'PUT /preset-att/d/a%20b.bin',
  ]);
  expect(Buffer.from(sent[0]?.body as Uint8Array).equals(bytes)).toBe(true);
  sent.length = 0;
  const doc = (await db.get('d', { attachments: true, binary: true })) as {
    _attachments: Record<string, { data: Buffer }>;
  };
  expect(doc._attachments['a b.bin']?.data.equals(bytes)).toBe(true);
  expect(sent.map(({ method, path }) => `${method} ${path}`)).toEqual([
    'GET /preset-att/d',
    `GET /preset-att/d/a%20b.bin?rev=${rev}`,
  ]);
  const removed = await db.removeAttachment('d', 'a b.bin', rev);
  expect(removed).toMatchObject({ ok: true, id: 'd', rev: expect.stringMatching(/^2-/) });
  expect(await db.get('d')).toEqual({ _id: 'd', _rev: removed?.rev });
  await db.destroy();
});
