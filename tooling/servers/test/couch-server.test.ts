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
