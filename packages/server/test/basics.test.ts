import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, PouchDB, startTestServer, type TestServer } from './helpers.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv.stop());

describe('server basics', () => {
  it('welcome, _up, _uuids', async () => {
    expect((await call(`${srv.url}/`)).body).toMatchObject({ couchdb: 'Welcome' });
    expect((await call(`${srv.url}/_up`)).body).toMatchObject({ status: 'ok' });
    const uuids = (await call(`${srv.url}/_uuids?count=3`)).body as { uuids: string[] };
    expect(uuids.uuids).toHaveLength(3);
  });

  it('creates, lists, reads and deletes databases with CouchDB errors', async () => {
    expect((await call(`${srv.url}/alpha`, { method: 'PUT' })).status).toBe(201);
    expect(await call(`${srv.url}/alpha`, { method: 'PUT' })).toMatchObject({
      status: 412,
      body: { error: 'file_exists' },
    });
    expect((await call(`${srv.url}/_all_dbs`)).body).toContain('alpha');
    expect((await call(`${srv.url}/alpha`)).body).toMatchObject({ db_name: 'alpha', doc_count: 0 });
    expect((await call(`${srv.url}/alpha`, { method: 'DELETE' })).status).toBe(200);
    expect(await call(`${srv.url}/alpha`)).toMatchObject({
      status: 404,
      body: { error: 'not_found', reason: 'Database does not exist.' },
    });
  });

  it('pouchdb@9 works against it: put, get, allDocs, attachments, changes', async () => {
    const db = new PouchDB(`${srv.url}/pouch`);
    const put = await db.put({ _id: 'a', n: 1 });
    expect(put.ok).toBe(true);
    expect((await db.get('a')).n).toBe(1);
    await db.putAttachment('a', 'f.txt', put.rev, Buffer.from('hello'), 'text/plain');
    expect((await db.getAttachment('a', 'f.txt')).toString()).toBe('hello');
    const withData = await db.get('a', { attachments: true });
    expect(withData._attachments['f.txt'].data).toBe(Buffer.from('hello').toString('base64'));
    await db.bulkDocs([{ _id: 'b' }, { _id: 'c' }]);
    expect((await db.allDocs()).rows.map((r: { id: string }) => r.id)).toEqual(['a', 'b', 'c']);
    const changes = await db.changes({ since: 0 });
    expect(changes.results).toHaveLength(3);
    await expect(db.put({ _id: 'a' })).rejects.toMatchObject({ status: 409, name: 'conflict' });
    await db.destroy();
  });
});
