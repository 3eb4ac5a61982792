import { describe, expect, it } from 'vitest';
import { docPath, type FetchFunction, HttpAdapter, parseDbUrl } from '../src/index.js';
import { queryString } from '../src/query-string.js';

/** A fetch that records requests and answers with `respond`. */
function fakeFetch(respond: () => Response): {
  fetch: FetchFunction;
  calls: [string, RequestInit][];
} {
  const calls: [string, RequestInit][] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push([url, init]);
      return respond();
    },
  };
}

describe('document paths', () => {
  it('encodes ids but keeps _design/ and _local/ readable', () => {
    expect(docPath('a/b+c é')).toBe('a%2Fb%2Bc%20%C3%A9');
    expect(docPath('_design/x/y')).toBe('_design/x%2Fy');
    expect(docPath('_local/cp')).toBe('_local/cp');
  });
});

describe('query strings', () => {
  it('JSON-encodes keys and open_revs lists, leaves undefined out', () => {
    expect(queryString({ startkey: 'a', limit: 2, skip: undefined })).toBe(
      '?startkey=%22a%22&limit=2',
    );
    expect(queryString({ open_revs: 'all' })).toBe('?open_revs=all');
    expect(queryString({ open_revs: ['1-a'] })).toBe('?open_revs=%5B%221-a%22%5D');
    expect(queryString({})).toBe('');
  });
});

describe('credentials', () => {
  it('moves URL credentials into a basic auth header', () => {
    const loc = parseDbUrl('http://us%40er:p%3Ass@localhost:5984/db/', undefined);
    expect(loc.url).toBe('http://localhost:5984/db');
    expect(loc.authorization).toBe(`Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
  });

  it('prefers opts.auth and sends custom headers through opts.fetch', async () => {
    const fake = fakeFetch(() => Response.json({ db_name: 'db', doc_count: 0, update_seq: 0 }));
    const adapter = new HttpAdapter({
      name: 'http://a:b@localhost:1/db',
      auth: { username: 'x', password: 'y' },
      headers: { 'X-Test': '1' },
      fetch: fake.fetch,
      skip_setup: true,
    });
    await adapter.info();
    const [url, init] = fake.calls[0] ?? [];
    const headers = init?.headers as Record<string, string>;
    expect(url).toBe('http://localhost:1/db');
    expect(headers.Authorization).toBe(`Basic ${Buffer.from('x:y').toString('base64')}`);
    expect(headers['X-Test']).toBe('1');
  });
});

describe('bad responses', () => {
  it('rejects a truncated JSON body with a clear error', async () => {
    const fake = fakeFetch(() => new Response('{"db_name": "d', { status: 200 }));
    const adapter = new HttpAdapter({ name: 'http://h/db', fetch: fake.fetch, skip_setup: true });
    await expect(adapter.info()).rejects.toMatchObject({
      status: 500,
      name: 'unknown_error',
      reason: expect.stringContaining('not valid JSON'),
    });
  });

  it('maps an error status with a non-JSON body', async () => {
    const fake = fakeFetch(() => new Response('<html>bad gateway</html>', { status: 502 }));
    const adapter = new HttpAdapter({ name: 'http://h/db', fetch: fake.fetch, skip_setup: true });
    await expect(adapter.info()).rejects.toMatchObject({ status: 502, name: 'unknown_error' });
  });

  it('maps 401 and 403 bodies as PouchDB does', async () => {
    const body = { error: 'unauthorized', reason: 'Name or password is incorrect.' };
    const fake = fakeFetch(() => Response.json(body, { status: 401 }));
    const adapter = new HttpAdapter({ name: 'http://h/db', fetch: fake.fetch });
    // Open at once, as PouchDB's: the database check fails with the first request.
    await expect(adapter.ready()).resolves.toBeUndefined();
    await expect(adapter.info()).rejects.toMatchObject({
      status: 401,
      name: 'unauthorized',
      error: 'unauthorized',
      reason: body.reason,
    });
  });
});
