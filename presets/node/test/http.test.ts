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
