import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CouchServer, S, startCouchServer } from './setup-server.js';

/**
 * A real CouchDB-style `_session` front for the test server: `POST /_session` with the right
 * name and password sets an `AuthSession` cookie, `DELETE /_session` clears it, `GET /_session`
 * rotates it (as CouchDB refreshes cookies), and every other request needs a live cookie or
 * basic auth before it is forwarded to the server behind.
 */
function sessionServer(target: string): { server: Server; seen: IncomingMessage[] } {
  const tokens = new Set<string>();
  const seen: IncomingMessage[] = [];
  const basic = `Basic ${Buffer.from('alice:secret').toString('base64')}`;
  const tokenOf = (req: IncomingMessage): string | undefined =>
    /AuthSession=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const json = (res: import('node:http').ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...res.getHeaders() });
    res.end(JSON.stringify(body));
  };
  const issue = (res: import('node:http').ServerResponse): void => {
    const token = randomUUID();
    tokens.add(token);
    res.setHeader('Set-Cookie', `AuthSession=${token}; Version=1; Path=/; HttpOnly`);
  };
  const server = createServer((req, res) => {
    seen.push(req);
    if (req.url === '/_session') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const token = tokenOf(req);
        if (req.method === 'POST') {
          const body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
          if (body.name !== 'alice' || body.password !== 'secret') {
            return json(res, 401, {
              error: 'unauthorized',
              reason: 'Name or password is incorrect.',
            });
          }
          issue(res);
          return json(res, 200, { ok: true, name: 'alice', roles: [] });
        }
        if (req.method === 'DELETE') {
          if (token) tokens.delete(token);
          res.setHeader('Set-Cookie', 'AuthSession=; Version=1; Path=/; HttpOnly');
          return json(res, 200, { ok: true });
        }
        const name = token && tokens.has(token) ? 'alice' : null;
        if (token && name) {
          tokens.delete(token);
          issue(res);
        }
        return json(res, 200, { ok: true, userCtx: { name, roles: [] } });
      });
      return;
    }
    const token = tokenOf(req);
    if (!(token && tokens.has(token)) && req.headers.authorization !== basic) {
      req.resume();
      return json(res, 401, {
        error: 'unauthorized',
        reason: 'You are not authorized to access this db.',
      });
    }
    const headers = { ...req.headers, host: new URL(target).host };
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  return { server, seen };
}

describe('http adapter: cookie sessions, db.fetch, custom fetch and headers', () => {
  let couch: CouchServer;
  let front: { server: Server; seen: IncomingMessage[] };
  let base: string;
  beforeAll(async () => {
    couch = await startCouchServer();
    front = sessionServer(couch.url);
    await new Promise<void>((resolve) => front.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    front.server.closeAllConnections();
    await new Promise((resolve) => front.server.close(resolve));
    await couch.stop();
  });

  /** Logs in through `db.fetch('/_session')`, as pouchdb-authentication's `logIn` does. */
  async function logIn(db: InstanceType<typeof S>, password = 'secret'): Promise<Response> {
    const res = await db.fetch?.('/_session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'alice', password }),
    });
    if (!res) throw new Error('db.fetch missing');
    return res;
  }

  it('sends the session cookie POST /_session set, on every handle, until logout', async () => {
    const early = new S(`${base}/cookies`);
    await expect(early.info()).rejects.toMatchObject({ status: 401, name: 'unauthorized' });
    const login = new S(`${base}/cookies`, { skip_setup: true });
    expect((await logIn(login, 'wrong')).status).toBe(401);
    expect((await logIn(login)).status).toBe(200);
    // A handle whose database check failed before the login retries it and works now.
    await early.put({ _id: 'a' });
    expect((await new S(`${base}/cookies`).get('a'))._id).toBe('a');
    const session = await login.fetch?.('/_session');
    expect(await session?.json()).toMatchObject({ userCtx: { name: 'alice' } });
    // The rotated cookie (GET /_session issued a new one) is the one sent from now on.
    expect((await early.info()).doc_count).toBe(1);
    expect((await login.fetch?.('/_session', { method: 'DELETE' }))?.status).toBe(200);
    await expect(early.info()).rejects.toMatchObject({ status: 401 });
  });

  it('a custom fetch handles its own cookies, as in PouchDB', async () => {
    const login = new S(`${base}/custom`, { skip_setup: true });
    expect((await logIn(login)).status).toBe(200);
    const calls: string[] = [];
    const db = new S(`${base}/custom`, {
      fetch: (url: string, init: RequestInit) => {
        calls.push(url);
        return fetch(url, init);
      },
    });
    await expect(db.info()).rejects.toMatchObject({ status: 401 });
    expect(calls[0]).toBe(`${base}/custom`);
    await login.fetch?.('/_session', { method: 'DELETE' });
  });

  it('sends basic auth and custom headers with every request and db.fetch', async () => {
    const db = new S(`${base}/headers`, {
      auth: { username: 'alice', password: 'secret' },
      headers: { 'X-App': 'satchel' },
    });
    await db.put({ _id: 'h' });
    const res = (await db.fetch?.('_all_docs?include_docs=true')) as Response;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { rows: unknown[] }).rows).toHaveLength(1);
    const last = front.seen.at(-1);
    expect(last?.url).toBe('/headers/_all_docs?include_docs=true');
    expect(last?.headers['x-app']).toBe('satchel');
    const ours = front.seen.filter((req) => req.url?.startsWith('/headers'));
    expect(ours.every((req) => req.headers['x-app'] === 'satchel')).toBe(true);
    expect(ours.every((req) => req.headers.authorization?.startsWith('Basic '))).toBe(true);
  });

  it('db.fetch: relative to the database, or to the server with a leading slash', async () => {
    const db = new S(`${couch.url}/fetching`);
    await db.put({ _id: 'f', v: 1 });
    const doc = await db.fetch?.('f');
    expect(await doc?.json()).toMatchObject({ _id: 'f', v: 1 });
    const root = await db.fetch?.('/');
    expect(await root?.json()).toMatchObject({ couchdb: 'Welcome' });
    const missing = await db.fetch?.('nope');
    expect(missing?.status).toBe(404);
    const posted = await db.fetch?.('_bulk_docs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ docs: [{ _id: 'g' }] }),
    });
    expect(posted?.status).toBe(201);
    expect((await db.get('g'))._id).toBe('g');
    await db.destroy();
  });
});
