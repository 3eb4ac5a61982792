import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, PouchDB, startTestServer, type TestServer } from './helpers.js';

const require = createRequire(import.meta.url);

let srv: TestServer;
let db: string;
beforeAll(async () => {
  PouchDB.plugin(require('pouchdb-adapter-memory'));
  srv = await startTestServer();
  db = `${srv.url}/vdu`;
  await call(db, { method: 'PUT' });
  await call(`${db}/_design/rules`, {
    method: 'PUT',
    json: {
      validate_doc_update: `function (newDoc, oldDoc, userCtx, secObj) {
        if (newDoc._deleted) { if (oldDoc && oldDoc.locked) throw { forbidden: 'locked' }; return; }
        if (!newDoc.type) throw { forbidden: 'type required' };
        if (newDoc.type === 'secret' && userCtx.name !== 'boss') throw { unauthorized: 'boss only' };
      }`,
    },
  });
});
afterAll(() => srv.stop());

describe('validate_doc_update', () => {
  it('refuses single writes with 403/401 and lets valid ones through', async () => {
    expect(await call(`${db}/x`, { method: 'PUT', json: {} })).toMatchObject({
      status: 403,
      body: { error: 'forbidden', reason: 'type required' },
    });
    expect(await call(`${db}/s`, { method: 'PUT', json: { type: 'secret' } })).toMatchObject({
      status: 401,
      body: { error: 'unauthorized', reason: 'boss only' },
    });
    const ok = await call(`${db}/y`, { method: 'PUT', json: { type: 'note', locked: true } });
    expect(ok.status).toBe(201);
    const rev = (ok.body as { rev: string }).rev;
    expect((await call(`${db}/y?rev=${rev}`, { method: 'DELETE' })).status).toBe(403);
    expect((await call(`${db}/y/f.txt?rev=${rev}`, { method: 'PUT', body: 'hi' })).status).toBe(
      201,
    );
  });

  it('bulk writes get a row per refused document, in order', async () => {
    const res = await call(`${db}/_bulk_docs`, {
      method: 'POST',
      json: { docs: [{ _id: 'b1', type: 't' }, { _id: 'b2' }, { _id: 'b3', type: 't' }] },
    });
    expect(res.body).toMatchObject([
      { ok: true, id: 'b1' },
      { id: 'b2', error: 'forbidden', reason: 'type required' },
      { ok: true, id: 'b3' },
    ]);
  });

  it('replication counts refused documents as write failures (pouchdb@9 pushing)', async () => {
    const local = new PouchDB('vdu-local', { adapter: 'memory' });
    await local.bulkDocs([{ _id: 'r1', type: 't' }, { _id: 'r2' }]);
    const result = await local.replicate.to(db);
    expect(result.docs_written).toBe(1);
    expect(result.doc_write_failures).toBe(1);
    expect((await call(`${db}/r2`)).status).toBe(404);
    await local.destroy();
  });

  it('a new validate function applies at once; design docs themselves are not validated', async () => {
    const ddoc = (await call(`${db}/_design/rules`)).body as Record<string, unknown>;
    const res = await call(`${db}/_design/rules`, {
      method: 'PUT',
      json: {
        ...ddoc,
        validate_doc_update: 'function (newDoc) { if (newDoc.no) throw { forbidden: "no" }; }',
      },
    });
    expect(res.status).toBe(201);
    expect((await call(`${db}/untyped`, { method: 'PUT', json: {} })).status).toBe(201);
    expect((await call(`${db}/nope`, { method: 'PUT', json: { no: true } })).status).toBe(403);
  });
  it('a validate function that arrives through _bulk_docs or replication applies at once', async () => {
    const rule = 'function (doc) { if (doc.bad) throw({ forbidden: "bad" }); }';
    // _bulk_docs: how replication writes design documents.
    const bulk = `${srv.url}/vdu-bulk`;
    await call(bulk, { method: 'PUT' });
    const written = await call(`${bulk}/_bulk_docs`, {
      method: 'POST',
      json: { docs: [{ _id: '_design/v', validate_doc_update: rule }] },
    });
    expect(written.body).toMatchObject([{ ok: true, id: '_design/v' }]);
    expect(await call(`${bulk}/x`, { method: 'PUT', json: { bad: true } })).toMatchObject({
      status: 403,
      body: { error: 'forbidden', reason: 'bad' },
    });
    // Pushed by pouchdb@9, then a write that the pushed function refuses.
    const local = new PouchDB('vdu-push', { adapter: 'memory' });
    await local.put({ _id: '_design/v', validate_doc_update: rule });
    const pushed = `${srv.url}/vdu-pushed`;
    await local.replicate.to(pushed);
    expect((await call(`${pushed}/y`, { method: 'PUT', json: { bad: true } })).status).toBe(403);
    await local.destroy();
  });
});
