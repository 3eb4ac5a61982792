import { type FaultProxy, startFaultProxy } from '@satchel/servers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DriveError } from '../src/drive-error.js';
import { DriveTransport } from '../src/drive-transport.js';
import { frame, unframe } from '../src/ndjson.js';
import { type DriveServer, startDriveServer } from './drive-server.js';
import { testBackoff } from './helpers.js';

let server: DriveServer;
let proxy: FaultProxy;
let drive: DriveTransport;
let folder: string;

beforeAll(async () => {
  server = await startDriveServer();
  proxy = await startFaultProxy({ target: server.url });
  drive = new DriveTransport({
    getAccessToken: () => server.token,
    baseUrl: proxy.url,
    backoff: testBackoff,
    requestTimeoutMs: 2_000,
  });
  folder = (await drive.createFolder('faults', 'root')).id;
});
afterAll(async () => {
  await proxy.stop();
  await server.stop();
});
beforeEach(() => proxy.clear());

const rateLimitBody = JSON.stringify({
  error: {
    code: 403,
    message: 'Rate Limit Exceeded',
    errors: [{ reason: 'userRateLimitExceeded' }],
  },
});

/** How many requests the proxy saw matching `part` since `from`. */
function seen(part: string, from: number): number {
  return proxy.requests.slice(from).filter((line) => line.includes(part)).length;
}

describe('transient failures are retried with backoff', () => {
  it.each([
    ['429', { status: 429 }],
    ['403 userRateLimitExceeded', { status: 403, body: rateLimitBody }],
    ['500', { status: 500 }],
    ['503', { status: 503 }],
    ['a dropped connection', { dropAfterBytes: 3 }],
    ['a body cut short', { truncateAfterBytes: 20 }],
    ['a response slower than the timeout', { delayMs: 3_000 }],
  ])('%s', async (_label, fault) => {
    const text = frame({ v: 1 }, ['{"t":"r","id":"a","rev":"1-x","b":{"n":1}}']);
    const file = await drive.createFile('f.ndjson', folder, text);
    const from = proxy.requests.length;
    proxy.inject({ match: `GET /drive/v3/files/${file.id}`, times: 2, ...fault });
    const got = await drive.download(file.id, unframe);
    expect(got.records).toEqual([{ t: 'r', id: 'a', rev: '1-x', b: { n: 1 } }]);
    expect(seen(file.id, from)).toBe(3);
  });

  it('gives up after maxAttempts with the last status', async () => {
    proxy.inject({ match: 'GET /drive/v3/files?', times: Number.POSITIVE_INFINITY, status: 503 });
    const from = proxy.requests.length;
    const err = await drive.list(folder).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriveError);
    expect((err as DriveError).status).toBe(503);
    expect(seen('GET /drive/v3/files?', from)).toBe(testBackoff.maxAttempts);
  });

  it('a 403 that is not a rate limit and a 404 are not retried', async () => {
    const forbidden = JSON.stringify({
      error: { code: 403, message: 'no', errors: [{ reason: 'insufficientFilePermissions' }] },
    });
    proxy.inject({ match: 'GET /drive/v3/files?', status: 403, body: forbidden });
    const from = proxy.requests.length;
    const err = await drive.list(folder).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 403, reason: 'insufficientFilePermissions' });
    expect(seen('GET /drive/v3/files?', from)).toBe(1);
    const missing = await drive.download('nope', (t) => t).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404 });
  });
});

describe('401 asks getAccessToken() once more, then fails clearly', () => {
  it('an expired token is replaced and the request succeeds', async () => {
    const tokens = ['expired-token', 'valid-token'];
    let calls = 0;
    const d = new DriveTransport({
      getAccessToken: () => tokens[calls++] ?? 'valid-token',
      baseUrl: server.url,
      backoff: testBackoff,
    });
    expect(Array.isArray(await d.list(folder))).toBe(true);
    expect(calls).toBe(2);
    await d.list(folder);
    expect(calls).toBe(2);
  });

  it('a token refused twice is a 401 error naming getAccessToken', async () => {
    let calls = 0;
    const d = new DriveTransport({
      getAccessToken: () => {
        calls++;
        return 'revoked-token';
      },
      baseUrl: server.url,
      backoff: testBackoff,
    });
    const err = await d.list(folder).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriveError);
    expect(err).toMatchObject({ status: 401 });
    expect((err as Error).message).toContain('getAccessToken()');
    expect(calls).toBe(2);
  });
});

describe('limits Drive sets', () => {
  it('a file over 5 MB is refused before sending, with a clear error', async () => {
    const from = proxy.requests.length;
    const err = await drive
      .createFile('big', folder, 'x'.repeat(5 * 1024 * 1024 + 1))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 413, reason: 'uploadTooLarge' });
    expect((err as Error).message).toContain('5 MB');
    expect(proxy.requests.length).toBe(from);
  });
});
