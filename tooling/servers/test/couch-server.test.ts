import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CouchServer, couchUrl, startCouchServer } from '../src/index.js';

describe('startCouchServer', () => {
  let server: CouchServer;
  beforeAll(async () => {
    server = await startCouchServer();
  });
  afterAll(() => server.stop());

  it('listens on 127.0.0.1 and answers the CouchDB welcome', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/`);
    const body = (await res.json()) as { couchdb?: string };
    expect(res.status).toBe(200);
    expect(body.couchdb).toBe('Welcome');
  });

  it('creates a database with PUT /db', async () => {
    const res = await fetch(`${server.url}/created`, { method: 'PUT' });
    expect(res.status).toBe(201);
    const info = (await (await fetch(`${server.url}/created`)).json()) as { db_name: string };
    expect(info.db_name).toBe('created');
  });

  it('stops completely, even with a keep-alive connection open', async () => {
    const other = await startCouchServer();
    await fetch(`${other.url}/`);
    await other.stop();
    await other.stop();
    await expect(fetch(`${other.url}/`)).rejects.toThrow();
  });

  it('keeps the databases of servers in one process apart, running or stopped', async () => {
    const put = (url: string, path: string, body?: string) =>
      fetch(`${url}/${path}`, {
        method: 'PUT',
        ...(body ? { body, headers: { 'Content-Type': 'application/json' } } : {}),
      });
    const second = await startCouchServer();
    try {
      expect((await put(second.url, 'created')).status).toBe(201);
      expect((await put(second.url, 'created/doc', '{"n":2}')).status).toBe(201);
      expect((await put(server.url, 'only-first')).status).toBe(201);
      const list = async (url: string) => (await fetch(`${url}/_all_dbs`)).json();
      expect(await list(second.url)).toEqual(['created']);
      expect(await list(server.url)).toEqual(expect.arrayContaining(['created', 'only-first']));
      expect((await fetch(`${server.url}/created/doc`)).status).toBe(404);
    } finally {
      await second.stop();
    }
    const third = await startCouchServer();
    try {
      expect((await put(third.url, 'created')).status).toBe(201);
    } finally {
      await third.stop();
    }
  });
});

describe('couchUrl', () => {
  it('returns COUCH_URL without a trailing slash, or undefined', () => {
    const saved = process.env.COUCH_URL;
    try {
      process.env.COUCH_URL = 'http://a:b@localhost:5984/';
      expect(couchUrl()).toBe('http://a:b@localhost:5984');
      delete process.env.COUCH_URL;
      expect(couchUrl()).toBeUndefined();
    } finally {
      if (saved !== undefined) process.env.COUCH_URL = saved;
    }
  });
});
