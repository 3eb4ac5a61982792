import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type TestServer } from './helpers.js';

const basic = (name: string, password: string) => ({
  Authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`,
});
const ADMIN = basic('admin', 'pw');
const ALICE = basic('alice', 'a');
const BOB = basic('bob', 'b');

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({
    admins: { admin: 'pw' },
    users: { alice: { password: 'a' }, bob: { password: 'b', roles: ['staff'] } },
    maxBodyBytes: 4096,
    maxLoginFailures: 3,
  });
  await call(`${srv.url}/private`, { method: 'PUT', headers: ADMIN });
  await call(`${srv.url}/private/_security`, {
    method: 'PUT',
    headers: ADMIN,
    json: { admins: { names: [], roles: [] }, members: { names: ['alice'], roles: [] } },
  });
});
afterAll(() => srv.stop());

describe('security', () => {
  it('a members-only database refuses anonymous (401) and non-members (403), admits members', async () => {
    expect(await call(`${srv.url}/private`)).toMatchObject({
      status: 401,
      body: { error: 'unauthorized' },
    });
    expect(await call(`${srv.url}/private/_all_docs`, { headers: BOB })).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    expect(await call(`${srv.url}/private/_changes?feed=longpoll`, { headers: BOB })).toMatchObject(
      { status: 403 },
    );
    expect((await call(`${srv.url}/private`, { headers: ALICE })).status).toBe(200);
    expect(
      (await call(`${srv.url}/private/doc`, { method: 'PUT', headers: ALICE, json: { a: 1 } }))
        .status,
    ).toBe(201);
    expect((await call(`${srv.url}/private/doc`, { headers: BOB })).status).toBe(403);
    expect((await call(`${srv.url}/private/doc`, { headers: ADMIN })).status).toBe(200);
  });

  it('a cookie session works like basic auth, and wrong passwords are 401', async () => {
    const login = await fetch(`${srv.url}/_session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=alice&password=a',
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(cookie).toMatch(/^AuthSession=.+/);
    expect((await call(`${srv.url}/private`, { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await call(`${srv.url}/_session`, { headers: { Cookie: cookie } })).body).toMatchObject(
      {
        userCtx: { name: 'alice', roles: [] },
      },
    );
    expect((await call(`${srv.url}/private`, { headers: basic('alice', 'nope') })).status).toBe(
      401,
    );
  });

  it('non-admins cannot write _security, design docs, or create databases', async () => {
    const sec = await call(`${srv.url}/private/_security`, {
      method: 'PUT',
      headers: ALICE,
      json: { members: {} },
    });
    expect(sec).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    const ddoc = { views: { v: { map: 'function (doc) { emit(doc._id); }' } } };
    expect(
      (await call(`${srv.url}/private/_design/x`, { method: 'PUT', headers: ALICE, json: ddoc }))
        .status,
    ).toBe(401);
    expect(
      (await call(`${srv.url}/private/_design%2Fx`, { method: 'PUT', headers: ALICE, json: ddoc }))
        .status,
    ).toBe(401);
    const bulk = await call(`${srv.url}/private/_bulk_docs`, {
      method: 'POST',
      headers: ALICE,
      json: { docs: [{ _id: '_design/y', ...ddoc }] },
    });
    expect(bulk.status).toBe(401);
    expect(
      (await call(`${srv.url}/private/_design/x`, { method: 'PUT', headers: ADMIN, json: ddoc }))
        .status,
    ).toBe(201);
    expect((await call(`${srv.url}/newdb`, { method: 'PUT', headers: ALICE })).status).toBe(401);
    expect((await call(`${srv.url}/newdb`, { method: 'PUT' })).status).toBe(401);
  });

  it('refuses illegal database names, path traversal included', async () => {
    for (const name of [
      '..%2F..%2Fetc',
      '%2E%2E',
      'a%2F..%2Fb',
      'Caps',
      '_system',
      '1abc',
      'a%00b',
      '%2Fabs',
    ]) {
      const res = await call(`${srv.url}/${name}`, { method: 'PUT', headers: ADMIN });
      expect(res, name).toMatchObject({ status: 400, body: { error: 'illegal_database_name' } });
    }
    expect((await call(`${srv.url}/ok%2Fnested`, { method: 'PUT', headers: ADMIN })).status).toBe(
      201,
    );
    expect((await call(`${srv.url}/_all_dbs`, { headers: ADMIN })).body).toContain('ok/nested');
  });

  it('an oversized body gets 413 and the server stays up', async () => {
    const big = { pad: 'x'.repeat(10_000) };
    const res = await call(`${srv.url}/private/big`, { method: 'PUT', headers: ALICE, json: big });
    expect(res).toMatchObject({ status: 413, body: { error: 'too_large' } });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    expect((await call(`${srv.url}/_up`)).status).toBe(200);
    expect((await call(`${srv.url}/private/doc`, { headers: ALICE })).status).toBe(200);
  });

  it('rate-limits failed logins, even when the right password follows', async () => {
    const attempt = (password: string) =>
      call(`${srv.url}/_session`, { method: 'POST', json: { name: 'bob', password } });
    for (let i = 0; i < 3; i += 1) expect((await attempt('wrong')).status).toBe(401);
    expect(await attempt('b')).toMatchObject({ status: 429, body: { error: 'too_many_requests' } });
    expect(
      (
        await call(`${srv.url}/_session`, {
          method: 'POST',
          json: { name: 'alice', password: 'a' },
        })
      ).status,
    ).toBe(200);
  });

  it('errors never carry stack traces', async () => {
    const res = await call(`${srv.url}/private/_bulk_docs`, {
      method: 'POST',
      headers: ALICE,
      body: '{"docs": [',
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body as object).sort()).toEqual(['error', 'reason']);
  });
});
