import { describe, expect, it } from 'vitest';
import { httpAdapter } from '../src/adapter.js';
import { HttpAdapter } from '../src/index.js';

/** A fetch that records the requests in the order they leave, answering each at once. */
function fakeServer() {
  const requests: string[] = [];
  const fetch = async (url: string, init: RequestInit = {}) => {
    const { pathname } = new URL(url);
    requests.push(`${init.method ?? 'GET'} ${pathname}`);
    // `_revs_diff` answers are checked for their shape: nothing missing.
    if (pathname.endsWith('/_revs_diff')) return Response.json({});
    return Response.json({ db_name: 'db', update_seq: 0, ok: true, id: 'a', rev: '1-a' });
  };
  return { requests, fetch };
}

// Each test file gets its own module registry: the adapter's code is not loaded yet here. One
// test, as the first call through a pending adapter loads the code for the whole file.
describe('http databases opened before the adapter code is loaded', () => {
  it('send the calls made meanwhile in call order, then go straight to the adapter', async () => {
    const server = fakeServer();
    const pending = httpAdapter({ name: 'http://h/db', fetch: server.fetch, skip_setup: true });
    const badUrl = httpAdapter({ name: 'http://[bad', skip_setup: true });
    expect(pending).not.toBeInstanceOf(HttpAdapter);
    expect(badUrl).not.toBeInstanceOf(HttpAdapter);
    expect(pending).toMatchObject({ type: 'http', serverChanges: true });
    expect(typeof pending.fetch).toBe('function');
    // Issued together, before the code is there.
    const calls = [
      pending.info(),
      pending.get('x', {}),
      pending.revsDiff({ x: ['1-a'] }),
      pending.fetch?.('_design/d'),
    ];
    await Promise.all(calls);
    expect(server.requests).toEqual([
      'GET /db',
      'GET /db/x',
      'POST /db/_revs_diff',
      'GET /db/_design/d',
    ]);
    // A bad URL is reported by ready(), with the adapter's own error, never by the constructor.
    const direct = new HttpAdapter({ name: 'http://[bad', skip_setup: true });
    const [a, b] = await Promise.all([
      badUrl.ready().catch((e: unknown) => e),
      direct.ready().catch((e: unknown) => e),
    ]);
    expect(a).toMatchObject({ name: 'invalid_url' });
    expect({ ...(a as object) }).toEqual({ ...(b as object) });
    // Loaded now: no step is added before the adapter's own, so the two interleave as equals.
    const direct2 = new HttpAdapter({ name: 'http://h/db', fetch: server.fetch, skip_setup: true });
    server.requests.length = 0;
    await Promise.all([pending.get('p', {}), direct2.get('d', {})]);
    await Promise.all([direct2.get('d', {}), pending.get('p', {})]);
    expect(server.requests).toEqual(['GET /db/p', 'GET /db/d', 'GET /db/d', 'GET /db/p']);
    // Databases opened from now on get the adapter itself.
    expect(httpAdapter({ name: 'http://h/db2', fetch: server.fetch })).toBeInstanceOf(HttpAdapter);
  });
});
