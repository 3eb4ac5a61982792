import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CouchServer, startCouchServer } from '@satchel/servers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import Satchel from '../src/index.js';

let server: CouchServer;
let dir: string;
beforeAll(async () => {
  server = await startCouchServer();
  dir = mkdtempSync(join(tmpdir(), 'satchel-prefix-'));
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The databases the server holds, read without Satchel. */
async function serverDbs(): Promise<string[]> {
  return (await (await fetch(`${server.url}/_all_dbs`)).json()) as string[];
}

it('a URL opened through a constructor with a path prefix goes to the server', async () => {
  const Prefixed = Satchel.defaults({ prefix: `${dir}/_pouch_` });
  const db = new Prefixed(`${server.url}/prefixed-remote`);
  expect(db.adapter).toBe('http');
  await db.put({ _id: 'a' });
  expect(await serverDbs()).toContain('prefixed-remote');
  expect(readdirSync(dir)).toEqual([]);
  await db.destroy();
});

it('the http adapter is picked from the URL even when only http is preferred', async () => {
  const Prefixed = Satchel.defaults({ prefix: `${dir}/_pouch_` });
  const saved = Prefixed.preferredAdapters;
  Prefixed.preferredAdapters = ['http'];
  try {
    const db = new Prefixed(`${server.url}/preferred-http`);
    expect((await db.info()).db_name).toBe('preferred-http');
    await db.destroy();
  } finally {
    Prefixed.preferredAdapters = saved;
  }
});

it('a local name under a path prefix still lands in the prefixed folder', async () => {
  const Prefixed = Satchel.defaults({ prefix: `${dir}/_pouch_` });
  const db = new Prefixed('local-one');
  await db.put({ _id: 'a' });
  expect(existsSync(join(dir, '_pouch_local-one'))).toBe(true);
  await db.destroy();
});

it('a server URL as prefix works with and without its trailing slash', async () => {
  for (const prefix of [`${server.url}/`, server.url]) {
    const Remote = Satchel.defaults({ prefix });
    const db = new Remote('url-prefixed');
    expect(db.adapter).toBe('http');
    expect(db.name).toBe('url-prefixed');
    await db.put({ _id: 'x' });
    expect(await serverDbs()).toContain('url-prefixed');
    await db.destroy();
  }
});

it('a + in a database name reaches the server percent-encoded, not as a space', async () => {
  const urls: string[] = [];
  const recording = (url: string | URL | Request, init?: RequestInit) => {
    urls.push(String(url));
    return fetch(url, init);
  };
  const direct = new Satchel(`${server.url}/plus+name`, { fetch: recording });
  await direct.put({ _id: 'a' });
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) expect(url.startsWith(`${server.url}/plus%2Bname`)).toBe(true);
  const Remote = Satchel.defaults({ prefix: `${server.url}/` });
  const viaPrefix = new Remote('plus+name');
  expect((await viaPrefix.get('a'))._id).toBe('a');
  const dbs = await serverDbs();
  expect(dbs).toContain('plus+name');
  expect(dbs).not.toContain('plus name');
  await direct.destroy();
});
