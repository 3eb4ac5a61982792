import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type TestServer } from './helpers.js';

let srv: TestServer;
let db: string;
beforeAll(async () => {
  srv = await startTestServer({
    tempViews: true,
    cors: { origins: ['https://app.example'], credentials: true },
  });
  db = `${srv.url}/api`;
  await call(db, { method: 'PUT' });
  await call(`${db}/_bulk_docs`, {
    method: 'POST',
    json: {
      docs: [
        { _id: 'a', n: 1, tag: 'x' },
        { _id: 'b', n: 2, tag: 'y' },
        { _id: 'c', n: 3, tag: 'x' },
        {
          _id: '_design/d',
          views: { byTag: { map: 'function (doc) { emit(doc.tag, doc.n); }', reduce: '_sum' } },
        },
      ],
    },
  });
});
afterAll(() => srv.stop());

/** Reads a streamed body until `done` says so, then aborts. */
async function readStream(
  url: string,
  done: (text: string) => boolean,
  write?: () => Promise<void>,
) {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  await write?.();
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += decoder.decode(value);
  }
  controller.abort();
  return { text, type: res.headers.get('content-type') };
}

describe('CouchDB API', () => {
  it('views: GET with group, POST keys, reduce=false, _temp_view', async () => {
    expect((await call(`${db}/_design/d/_view/byTag?group=true`)).body).toEqual({
      rows: [
        { key: 'x', value: 4 },
        { key: 'y', value: 2 },
      ],
    });
    const keyed = await call(`${db}/_design/d/_view/byTag?reduce=false`, {
      method: 'POST',
      json: { keys: ['y'] },
    });
    expect(keyed.body).toMatchObject({ rows: [{ id: 'b', key: 'y', value: 2 }] });
    const temp = await call(`${db}/_temp_view`, {
      method: 'POST',
      json: { map: 'function (doc) { if (doc.n > 1) emit(doc.n); }' },
    });
    expect((temp.body as { rows: unknown[] }).rows).toHaveLength(2);
  });

  it('Mango: _index, _find, _explain, and deleting the index', async () => {
    const created = await call(`${db}/_index`, {
      method: 'POST',
      json: { index: { fields: ['n'] }, name: 'by-n' },
    });
    expect(created.body).toMatchObject({ result: 'created', name: 'by-n' });
    const found = await call(`${db}/_find`, {
      method: 'POST',
      json: { selector: { n: { $gte: 2 } }, fields: ['_id'], sort: ['n'] },
    });
    expect(found.body).toMatchObject({ docs: [{ _id: 'b' }, { _id: 'c' }] });
    const explained = await call(`${db}/_explain`, {
      method: 'POST',
      json: { selector: { n: { $gte: 2 } } },
    });
    expect(explained.body).toMatchObject({ index: { name: 'by-n' } });
    const indexes = (await call(`${db}/_index`)).body as {
      indexes: { ddoc: string; name: string }[];
    };
    const ours = indexes.indexes.find((i) => i.name === 'by-n');
    expect(ours).toBeDefined();
    const del = await call(`${db}/_index/${ours?.ddoc}/json/by-n`, { method: 'DELETE' });
    expect(del.body).toEqual({ ok: true });
  });

  it('continuous and eventsource feeds stream changes, with heartbeats', async () => {
    const continuous = await readStream(
      `${db}/_changes?feed=continuous&since=now&heartbeat=200`,
      (t) => t.includes('"id":"live1"'),
      async () => {
        await call(`${db}/live1`, { method: 'PUT', json: {} });
      },
    );
    expect(continuous.type).toContain('application/json');
    const line = continuous.text.split('\n').find((l) => l.includes('live1')) ?? '{}';
    expect(JSON.parse(line)).toMatchObject({ id: 'live1', changes: [{ rev: expect.any(String) }] });
    const es = await readStream(`${db}/_changes?feed=eventsource&limit=1`, (t) =>
      t.includes('\n\n'),
    );
    expect(es.type).toContain('text/event-stream');
    expect(es.text).toMatch(/^data: \{.*"id":"a".*\}\nid: \d+\n\n/);
    const ended = await call(`${db}/_changes?feed=continuous&since=now&timeout=100`);
    expect(ended.body).toMatchObject({ last_seq: expect.anything() });
    // `live` is CouchDB's other name for `continuous`; an unknown feed is a 400, not a list.
    const live = await readStream(`${db}/_changes?feed=live&limit=1`, (t) => t.includes('\n'));
    expect(JSON.parse(live.text.split('\n')[0] ?? '{}')).toMatchObject({ id: 'a' });
    expect(await call(`${db}/_changes?feed=weird`)).toMatchObject({
      status: 400,
      body: {
        error: 'bad_request',
        reason: 'Supported `feed` types: normal, continuous, live, longpoll, eventsource',
      },
    });
  });

  it('longpoll waits for the next change, or times out with last_seq', async () => {
    const waiting = call(`${db}/_changes?feed=longpoll&since=now`);
    await new Promise((r) => setTimeout(r, 100));
    await call(`${db}/poll1`, { method: 'PUT', json: {} });
    expect((await waiting).body).toMatchObject({ results: [{ id: 'poll1' }] });
    const timedOut = await call(`${db}/_changes?feed=longpoll&since=now&timeout=100`);
    expect(timedOut.body).toMatchObject({ results: [], last_seq: expect.anything() });
  });

  it('a timeout or heartbeat too long for a timer waits, not answers at once', async () => {
    // 1e10 ms overflows a Node timer, which then fires after 1 ms: the poll ended empty at
    // once and clients asked again in a tight loop.
    const waiting = call(`${db}/_changes?feed=longpoll&since=now&timeout=10000000000`);
    const beating = fetch(`${db}/_changes?feed=longpoll&since=now&heartbeat=10000000000`).then(
      (res) => res.text(),
    );
    await new Promise((r) => setTimeout(r, 200));
    await call(`${db}/poll2`, { method: 'PUT', json: {} });
    expect((await waiting).body).toMatchObject({ results: [{ id: 'poll2' }] });
    const beaten = await beating;
    expect(JSON.parse(beaten)).toMatchObject({ results: [{ id: 'poll2' }] });
    // No heartbeat came in the 200 ms wait (an overflowed interval wrote one every ms).
    expect(beaten.startsWith('\n')).toBe(false);
  });

  it('COPY, atts_since, _revs_limit, _purge, _compact, _view_cleanup', async () => {
    const copied = await call(`${db}/a`, { method: 'COPY', headers: { Destination: 'a-copy' } });
    expect(copied).toMatchObject({ status: 201, body: { id: 'a-copy' } });
    expect((await call(`${db}/a-copy`)).body).toMatchObject({ n: 1, tag: 'x' });

    const first = (await call(`${db}/att`, { method: 'PUT', json: {} })).body as { rev: string };
    const second = (
      await call(`${db}/att/f.txt?rev=${first.rev}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'text/plain' },
        body: 'one',
      })
    ).body as { rev: string };
    const third = (
      await call(`${db}/att/g.txt?rev=${second.rev}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'text/plain' },
        body: 'two',
      })
    ).body as { rev: string };
    const since = await call(
      `${db}/att?atts_since=${encodeURIComponent(JSON.stringify([second.rev]))}`,
    );
    const atts = (since.body as { _attachments: Record<string, { stub?: boolean; data?: string }> })
      ._attachments;
    expect(atts['f.txt']?.stub).toBe(true);
    expect(atts['g.txt']?.data).toBe(Buffer.from('two').toString('base64'));
    expect((await call(`${db}/att/g.txt?rev=${third.rev}`)).body).toBe('two');

    expect((await call(`${db}/_revs_limit`, { method: 'PUT', body: '5' })).body).toEqual({
      ok: true,
    });
    expect((await call(`${db}/_revs_limit`)).body).toBe(5);

    const victim = (await call(`${db}/victim`, { method: 'PUT', json: {} })).body as {
      rev: string;
    };
    const purged = await call(`${db}/_purge`, { method: 'POST', json: { victim: [victim.rev] } });
    expect(purged.body).toMatchObject({ purged: { victim: [victim.rev] } });
    expect((await call(`${db}/victim`)).status).toBe(404);

    expect((await call(`${db}/_compact`, { method: 'POST', json: {} })).status).toBe(202);
    expect((await call(`${db}/_view_cleanup`, { method: 'POST', json: {} })).status).toBe(202);
  });

  it('/_replicate copies a database one-shot, and runs a continuous one until cancelled', async () => {
    const res = await call(`${srv.url}/_replicate`, {
      method: 'POST',
      json: { source: 'api', target: 'api-copy', create_target: true },
    });
    expect(res.body).toMatchObject({ ok: true, history: [{ docs_written: expect.any(Number) }] });
    const source = (await call(db)).body as { doc_count: number };
    expect((await call(`${srv.url}/api-copy`)).body).toMatchObject({ doc_count: source.doc_count });
    const live = await call(`${srv.url}/_replicate`, {
      method: 'POST',
      json: { source: 'api', target: `${srv.url}/api-live`, create_target: true, continuous: true },
    });
    const { _local_id: id } = live.body as { _local_id: string };
    await call(`${db}/after-start`, { method: 'PUT', json: {} });
    for (
      let i = 0;
      i < 100 && (await call(`${srv.url}/api-live/after-start`)).status !== 200;
      i += 1
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await call(`${srv.url}/api-live/after-start`)).status).toBe(200);
    const cancelled = await call(`${srv.url}/_replicate`, {
      method: 'POST',
      json: { source: 'api', target: `${srv.url}/api-live`, cancel: true, replication_id: id },
    });
    expect(cancelled.body).toEqual({ ok: true });
  });

  it('/_active_tasks lists tasks as an array', async () => {
    const res = await call(`${srv.url}/_active_tasks`);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
  });

  it('CORS: allowed origins get the headers and preflights a 204, others nothing', async () => {
    const pre = await fetch(`${db}/a`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'PUT' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect(pre.headers.get('access-control-allow-methods')).toContain('PUT');
    const other = await fetch(`${db}/a`, { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
