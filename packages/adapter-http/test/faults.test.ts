import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FaultProxy, startFaultProxy } from '@satchel/servers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpAdapter } from '../src/index.js';
import { type CouchServer, dbUrl, S, useCouchServer } from './setup-server.js';

/** A server whose answer depends on the path: drops, 500s, or a body cut short. */
function faultyServer(): Server {
  return createServer((req, res) => {
    if (req.url?.startsWith('/drop')) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('{"db_name": "dr');
      setTimeout(() => res.socket?.destroy(), 10);
      return;
    }
    if (req.url?.startsWith('/slow')) {
      setTimeout(() => res.end('{}'), 2000);
      return;
    }
    if (req.url?.startsWith('/fail')) {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end('{"error":"internal_server_error","reason":"boom"}');
      return;
    }
    req.socket.destroy();
  });
}

describe('http adapter: faults', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = faultyServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('rejects a connection dropped mid-response, without hanging', async () => {
    const adapter = new HttpAdapter({ name: `${base}/drop`, skip_setup: true });
    await expect(adapter.info()).rejects.toMatchObject({ status: 500, name: 'unknown_error' });
  });

  it('rejects a connection closed before any answer', async () => {
    const adapter = new HttpAdapter({ name: `${base}/reset`, skip_setup: true });
    await expect(adapter.info()).rejects.toMatchObject({ status: 500, name: 'unknown_error' });
  });

  it('a refused connection names why in its reason, not only "fetch failed"', async () => {
    // A port nothing listens on: take a free one and close it again.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const adapter = new HttpAdapter({ name: `http://127.0.0.1:${port}/db`, skip_setup: true });
    const err = (await adapter.info().catch((e: unknown) => e)) as Error & { reason: string };
    expect(err).toMatchObject({ status: 500, name: 'unknown_error' });
    expect(err.reason).toMatch(`Failed to fetch http://127.0.0.1:${port}/db`);
    expect(err.reason).toMatch(/ECONNREFUSED/);
  });

  it('maps a 500 with its reason', async () => {
    const adapter = new HttpAdapter({ name: `${base}/fail`, skip_setup: true });
    await expect(adapter.info()).rejects.toMatchObject({
      status: 500,
      name: 'internal_server_error',
      reason: 'boom',
    });
  });

  it('gives up on a slow response after `timeout` ms', async () => {
    const adapter = new HttpAdapter({ name: `${base}/slow`, skip_setup: true, timeout: 100 });
    const started = Date.now();
    const err = (await adapter.info().catch((e: unknown) => e)) as Error & { name: string };
    expect(err.name).toBe('unknown_error');
    expect((err.cause as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('http adapter: faults through a proxy in front of the real server', () => {
  let server: CouchServer;
  let proxy: FaultProxy;
  let url: string;
  beforeAll(async () => {
    server = await useCouchServer();
    proxy = await startFaultProxy({ target: server.url });
    const direct = dbUrl(server);
    await new S(direct).bulkDocs([{ _id: 'a', text: 'x'.repeat(2000) }, { _id: 'b' }]);
    url = direct.replace(server.url, proxy.url);
  });
  afterEach(() => proxy.clear());
  afterAll(async () => {
    await proxy.stop();
    await server.stop();
  });

  /** The rejection of `promise` (fails the test if it resolves). */
  async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
    return promise.then(
      () => {
        throw new Error('expected a rejection');
      },
      (err: unknown) => err as Error & Record<string, unknown>,
    );
  }

  it('a connection dropped mid-body is unknown_error with the cause', async () => {
    proxy.inject({ match: '_all_docs', dropAfterBytes: 40 });
    const err = await failure(new S(url).allDocs({ include_docs: true }));
    expect(err).toMatchObject({ status: 500, name: 'unknown_error' });
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('a truncated body is a clear error, not a wrong result', async () => {
    proxy.inject({ match: 'GET /', truncateAfterBytes: 30 });
    const err = await failure(new S(url).get('a'));
    expect(err).toMatchObject({ status: 500, name: 'unknown_error' });
    expect(String(err.reason)).toContain('not valid JSON');
  });

  it('a body that is not JSON is a clear error', async () => {
    proxy.inject({ match: '_changes', body: '<html>proxy error</html>' });
    const err = await failure(new S(url).changes() as unknown as Promise<unknown>);
    expect(err).toMatchObject({ status: 500, name: 'unknown_error' });
    expect(String(err.reason)).toContain('not valid JSON');
  });

  it('a _changes answer whose rows lack an id or a changes list is a clear error, not a TypeError', async () => {
    const rows = [
      { seq: 1, id: 'a' },
      { seq: 1, id: 5, changes: [{ rev: '1-a' }] },
      { seq: 1, id: 'a', changes: [{ rev: 7 }] },
      null,
    ];
    for (const row of rows) {
      proxy.inject({ match: '_changes', body: JSON.stringify({ results: [row], last_seq: 1 }) });
      const err = await failure(new S(url).changes() as unknown as Promise<unknown>);
      expect(err, JSON.stringify(row)).toMatchObject({ status: 500, name: 'unknown_error' });
      expect(String(err.reason)).toContain('results[0] is not a change row');
      proxy.clear();
    }
  });

  it('a _bulk_get answer without docs lists is a clear error, not a TypeError', async () => {
    for (const results of [[{ id: 'a', docs: 'x' }], [{ id: 'a', docs: [null] }], 'x']) {
      proxy.inject({ match: '_bulk_get', body: JSON.stringify({ results }) });
      const err = await failure(new S(url).bulkGet({ docs: [{ id: 'a' }] }));
      expect(err, JSON.stringify(results)).toMatchObject({ status: 500, name: 'unknown_error' });
      expect(String(err.reason)).toMatch(
        /_bulk_get is not valid JSON: (results\[0\] has no|the answer has no)/,
      );
      proxy.clear();
    }
  });

  it('_revs_diff and _bulk_docs answers of the wrong shape are clear errors, not TypeErrors', async () => {
    const cases: [string, unknown, () => Promise<unknown>, RegExp][] = [
      ['_revs_diff', 'x', () => new S(url).revsDiff({ a: ['1-a'] }), /not an object of documents/],
      [
        '_revs_diff',
        { a: { missing: 5 } },
        () => new S(url).revsDiff({ a: ['1-a'] }),
        /"a" is not/,
      ],
      [
        '_revs_diff',
        { a: { missing: [7] } },
        () => new S(url).revsDiff({ a: ['1-a'] }),
        /"a" is not/,
      ],
      [
        '_bulk_docs',
        { ok: true },
        () => new S(url).bulkDocs([{ _id: 'n' }]),
        /not a list of results/,
      ],
      [
        '_bulk_docs',
        [5],
        () => new S(url).bulkDocs([{ _id: 'n' }]),
        /results\[0\] is not an object/,
      ],
    ];
    for (const [match, body, call, reason] of cases) {
      proxy.inject({ match, body: JSON.stringify(body) });
      const err = await failure(call());
      expect(err, `${match} ${JSON.stringify(body)}`).toMatchObject({
        status: 500,
        name: 'unknown_error',
      });
      expect(String(err.reason)).toMatch(reason);
      proxy.clear();
    }
  });

  it('a 500 is reported with its status; the next request succeeds', async () => {
    proxy.inject({ match: '_bulk_docs', status: 500 });
    const db = new S(url);
    await expect(db.bulkDocs([{ _id: 'c' }])).rejects.toMatchObject({ status: 500 });
    const rows = await db.bulkDocs([{ _id: 'c' }]);
    expect(rows[0]).toMatchObject({ ok: true, id: 'c' });
  });

  it('a hanging server gives up after `timeout` ms', async () => {
    proxy.inject({ hang: true });
    const err = await failure(new S(url, { timeout: 200 }).get('b'));
    expect(err).toMatchObject({ status: 500, name: 'unknown_error' });
    expect((err.cause as Error).name).toBe('TimeoutError');
  });

  it('a slow server within `timeout` is waited for', async () => {
    proxy.inject({ delayMs: 100 });
    const doc = await new S(url, { timeout: 5000 }).get('b');
    expect(doc._id).toBe('b');
  });

  it('a failed database check is retried by the next call', async () => {
    const fresh = dbUrl(server).replace(server.url, proxy.url);
    proxy.inject({ status: 503 });
    const db = new S(fresh);
    await expect(db.info()).rejects.toMatchObject({ status: 503 });
    expect((await db.info()).doc_count).toBe(0);
    await db.destroy();
  });
});

describe('http adapter: opaque sequences (CouchDB 2/3)', () => {
  it('passes string seqs back exactly as the server sent them', async () => {
    const seqs = ['1-g1AAAAB7eJzLYWBg', '2-g1AAAAB7eJzLYWBg%2B/x'];
    const asked: string[] = [];
    const couch = createServer((req, res) => {
      const since = new URL(req.url ?? '/', 'http://x').searchParams.get('since') ?? '';
      asked.push(since);
      const next = since === '0' ? 0 : since === seqs[0] ? 1 : undefined;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (next === undefined) return; // a long-poll with nothing new: left open
      const seq = seqs[next];
      res.end(
        JSON.stringify({
          results: [{ id: `d${next}`, seq, changes: [{ rev: '1-a' }] }],
          last_seq: seq,
        }),
      );
    });
    await new Promise<void>((resolve) => couch.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(couch.address() as AddressInfo).port}`;
    const db = new S(`${base}/db`, { skip_setup: true });
    const feed = db.changes({ live: true });
    const got: (string | number)[] = [];
    await new Promise<void>((resolve) => {
      feed.on('change', (change) => {
        got.push(change.seq);
        if (got.length === 2) resolve();
      });
    });
    // The long-poll after the second change resumes from the second seq.
    while (asked.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    feed.cancel();
    couch.closeAllConnections();
    await new Promise((resolve) => couch.close(resolve));
    expect(got).toEqual(seqs);
    expect(asked.slice(0, 3)).toEqual(['0', seqs[0], seqs[1]]);
  });
});

describe('http adapter: hostile input', () => {
  it('a selector with no JSON form (a cycle, a BigInt) is a clear 400, not a crash', async () => {
    const cyclic: Record<string, unknown> = { n: 1 };
    cyclic.self = { $and: [cyclic] };
    const adapter = new HttpAdapter({ name: 'http://127.0.0.1:9/db', skip_setup: true });
    for (const selector of [cyclic, { n: 1n }]) {
      await expect(adapter.changes({ selector })).rejects.toMatchObject({
        status: 400,
        name: 'bad_request',
        reason: expect.stringContaining('cannot be sent as JSON'),
      });
    }
  });

  it('a body nested deeper than JSON.stringify recurses is sent whole', async () => {
    let selector: Record<string, unknown> = { n: 1 };
    for (let i = 0; i < 50_000; i++) selector = { $and: [selector] };
    let sent = '';
    const couch = createServer((req, res) => {
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        sent += chunk;
      });
      req.on('end', () => {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end('{"error":"bad_request","reason":"too deep for this server"}');
      });
    });
    await new Promise<void>((resolve) => couch.listen(0, '127.0.0.1', resolve));
    const { port } = couch.address() as AddressInfo;
    const adapter = new HttpAdapter({ name: `http://127.0.0.1:${port}/db`, skip_setup: true });
    // The server's own refusal comes back, so the body got there.
    await expect(adapter.changes({ selector })).rejects.toMatchObject({
      status: 400,
      reason: 'too deep for this server',
    });
    couch.closeAllConnections();
    await new Promise((resolve) => couch.close(resolve));
    expect(sent.startsWith(`{"selector":${'{"$and":['.repeat(100)}`)).toBe(true);
    expect(sent.length).toBeGreaterThan(50_000 * 9);
  });
});

describe('http adapter: answers a proxy or a buggy server gets wrong', () => {
  let server: CouchServer;
  let proxy: FaultProxy;
  beforeAll(async () => {
    server = await useCouchServer();
    proxy = await startFaultProxy({ target: server.url });
  });
  afterEach(() => proxy.clear());
  afterAll(async () => {
    await proxy.stop();
    await server.stop();
  });

  /** A database with `n` docs `d00…` (seqs 1…n), reached directly and through the proxy. */
  async function dbWith(n: number): Promise<{ direct: InstanceType<typeof S>; viaProxy: string }> {
    const url = dbUrl(server);
    const direct = new S(url);
    const docs = Array.from({ length: n }, (_, i) => ({ _id: `d${String(i).padStart(2, '0')}` }));
    await direct.bulkDocs(docs);
    return { direct, viaProxy: url.replace(server.url, proxy.url) };
  }

  /** `_changes` rows for seqs `from…to` of `dbWith`'s docs, with docs, and no `last_seq`. */
  function pageWithoutLastSeq(from: number, to: number, revs: Map<string, string>): string {
    const results = [];
    for (let seq = from; seq <= to; seq++) {
      const id = `d${String(seq - 1).padStart(2, '0')}`;
      const rev = revs.get(id) as string;
      results.push({ id, seq, changes: [{ rev }], doc: { _id: id, _rev: rev } });
    }
    return JSON.stringify({ results });
  }

  async function revsOf(db: InstanceType<typeof S>): Promise<Map<string, string>> {
    const all = await db.allDocs();
    return new Map(all.rows.map((row) => [row.id, row.value.rev]));
  }

  it('an error status with an HTML page is unknown_error whose message names the status', async () => {
    const { viaProxy } = await dbWith(1);
    proxy.inject({ match: '_all_docs', status: 502, body: '<html>Bad Gateway</html>' });
    const err = (await new S(viaProxy).allDocs().catch((e: unknown) => e)) as Error &
      Record<string, unknown>;
    expect(err).toMatchObject({ status: 502, name: 'unknown_error' });
    expect(err.message).toMatch(/502 Bad Gateway without a JSON error body/);
  });

  it('a filtered read goes on after the last row when a page has no last_seq (no repeats)', async () => {
    const { direct, viaProxy } = await dbWith(30);
    const revs = await revsOf(direct);
    // The first page of 25 comes from the "server" without last_seq; the rest is real.
    proxy.inject({ match: /_changes\?since=0&/, body: pageWithoutLastSeq(1, 25, revs) });
    const res = await new S(viaProxy).changes({ filter: () => true });
    const ids = res.results.map((r) => r.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(res.last_seq).toBe(30);
  });

  it('a live feed whose long-poll answer has no last_seq resumes after its last change', async () => {
    const { direct, viaProxy } = await dbWith(3);
    const revs = await revsOf(direct);
    proxy.inject({ match: 'feed=longpoll', body: pageWithoutLastSeq(1, 3, revs) });
    const ids: string[] = [];
    const feed = new S(viaProxy).changes({ live: true });
    feed.on('change', (c) => ids.push(c.id));
    await direct.put({ _id: 'late' });
    for (let i = 0; i < 200 && !ids.includes('late'); i++)
      await new Promise((r) => setTimeout(r, 10));
    feed.cancel();
    expect(ids).toEqual(['d00', 'd01', 'd02', 'late']);
    const polls = proxy.requests.filter((r) => r.includes('feed=longpoll'));
    expect(polls[1]).toContain('since=3');
  });

  it('limit: Infinity is no limit (not a 400 from the server)', async () => {
    const { viaProxy } = await dbWith(3);
    const res = await new S(viaProxy).changes({ limit: Number.POSITIVE_INFINITY });
    expect(res.results).toHaveLength(3);
    expect(proxy.requests.some((r) => r.includes('limit=Infinity'))).toBe(false);
  });
});
