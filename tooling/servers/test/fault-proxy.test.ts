import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CouchServer,
  type FaultProxy,
  startCouchServer,
  startFaultProxy,
} from '../src/index.js';

/** What a plain `fetch` through the proxy ends in: a status and body, or the failure. */
async function outcome(url: string): Promise<{ status?: number; body?: string; error?: string }> {
  try {
    const res = await fetch(url);
    return { status: res.status, body: await res.text() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

describe('startFaultProxy', () => {
  let server: CouchServer;
  let proxy: FaultProxy;
  beforeAll(async () => {
    server = await startCouchServer();
    await fetch(`${server.url}/db`, { method: 'PUT' });
    proxy = await startFaultProxy({ target: server.url });
  });
  afterAll(async () => {
    await proxy.stop();
    await server.stop();
  });

  it('forwards untouched without rules and records requests', async () => {
    const res = await outcome(`${proxy.url}/db`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body ?? '')).toMatchObject({ db_name: 'db' });
    expect(proxy.requests.at(-1)).toBe('GET /db');
  });

  it('answers an injected status for the next K matching requests only', async () => {
    proxy.inject({ match: 'GET /db', status: 500, times: 2 });
    expect((await outcome(`${proxy.url}/db`)).status).toBe(500);
    expect((await outcome(`${proxy.url}/db`)).status).toBe(500);
    expect((await outcome(`${proxy.url}/db`)).status).toBe(200);
  });

  it('matches by RegExp and leaves other requests alone', async () => {
    proxy.inject({ match: /_all_docs/, body: 'not json' });
    expect((await outcome(`${proxy.url}/db`)).status).toBe(200);
    expect((await outcome(`${proxy.url}/db/_all_docs`)).body).toBe('not json');
  });

  it('truncates a body into a complete but short response', async () => {
    proxy.inject({ truncateAfterBytes: 5 });
    const res = await outcome(`${proxy.url}/db`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(5);
    expect(res.body?.startsWith('{"')).toBe(true);
  });

  it('drops the connection mid-body', async () => {
    proxy.inject({ dropAfterBytes: 5 });
    const res = await fetch(`${proxy.url}/db`);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('delays and hangs', async () => {
    proxy.inject({ delayMs: 150 });
    const started = Date.now();
    expect((await outcome(`${proxy.url}/db`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    proxy.inject({ hang: true });
    const hung = outcome(`${proxy.url}/db`);
    setTimeout(() => proxy.dropConnections(), 100);
    expect((await hung).error).toBeDefined();
  });

  it('clears its rules', async () => {
    proxy.inject({ status: 503, times: Number.POSITIVE_INFINITY });
    expect((await outcome(`${proxy.url}/db`)).status).toBe(503);
    proxy.clear();
    expect((await outcome(`${proxy.url}/db`)).status).toBe(200);
  });
});
