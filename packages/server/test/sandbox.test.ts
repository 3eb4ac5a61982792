import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type TestServer } from './helpers.js';

let srv: TestServer;
beforeAll(async () => {
  // Long enough for a loaded CI machine to compile and run a quick filter, short enough to cut a loop.
  srv = await startTestServer({ sandboxTimeoutMs: 1000 });
  await call(`${srv.url}/sb`, { method: 'PUT' });
  await call(`${srv.url}/sb/_bulk_docs`, {
    method: 'POST',
    json: {
      docs: [
        { _id: 'a', kind: 'x' },
        { _id: 'b', kind: 'y' },
        {
          _id: '_design/f',
          filters: {
            kind: 'function (doc, req) { return doc.kind === req.query.kind; }',
            escape:
              "function (doc) { var p = (function () { return this; })(); var g = emit.constructor('return typeof process')(); return g === 'object'; }",
            loop: 'function (doc) { while (true) {} }',
            throws: 'function (doc) { throw new Error("boom"); }',
          },
          views: {
            xs: { map: "function (doc) { if (doc.kind === 'x') emit(doc._id); }" },
            loop: { map: 'function (doc) { while (true) {} }' },
          },
        },
      ],
    },
  });
});
afterAll(() => srv.stop());

const ids = (body: unknown) => (body as { results: { id: string }[] }).results.map((r) => r.id);

describe('design code runs in a sandbox', () => {
  it('design filters and _view filters work, with req.query', async () => {
    expect(ids((await call(`${srv.url}/sb/_changes?filter=f/kind&kind=y`)).body)).toEqual(['b']);
    expect(ids((await call(`${srv.url}/sb/_changes?filter=_view&view=f/xs`)).body)).toEqual(['a']);
  });

  it('cannot reach the host (no process), and a loop is cut off while the server stays up', async () => {
    expect(ids((await call(`${srv.url}/sb/_changes?filter=f/escape`)).body)).toEqual([]);
    const looped = await call(`${srv.url}/sb/_changes?filter=f/loop`);
    // The changes feed reports a throwing filter as a 400 naming the error.
    expect(looped.status).toBe(400);
    expect((looped.body as { reason: string }).reason).toMatch(/timed out/);
    expect((await call(`${srv.url}/_up`)).status).toBe(200);
  });

  it('a filter that throws fails the feed with a 400 naming the error', async () => {
    const res = await call(`${srv.url}/sb/_changes?filter=f/throws`);
    expect(res.status).toBe(400);
    expect((res.body as { reason: string }).reason).toMatch(/boom/);
  });

  it('a missing filter is 404, a malformed name 400', async () => {
    expect((await call(`${srv.url}/sb/_changes?filter=f/nope`)).status).toBe(404);
    expect((await call(`${srv.url}/sb/_changes?filter=nope`)).status).toBe(400);
  });

  it('a view whose map function never returns fails with os_process_error and the server stays up', async () => {
    const res = await call(`${srv.url}/sb/_design/f/_view/loop`);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ error: 'os_process_error' });
    expect((await call(`${srv.url}/_up`)).status).toBe(200);
    expect((await call(`${srv.url}/sb/_design/f/_view/xs`)).body).toMatchObject({ total_rows: 1 });
  }, 60_000);
});

describe("a request's $regex that backtracks without end", () => {
  const hostile = { selector: { text: { $regex: '^(a+)+$' } } };

  it('is cut off in _find and in _changes feeds, and the server answers on', async () => {
    await call(`${srv.url}/rx`, { method: 'PUT' });
    await call(`${srv.url}/rx/_bulk_docs`, {
      method: 'POST',
      json: {
        docs: [
          { _id: 'plain', text: 'aaa' },
          { _id: 'trap', text: `${'a'.repeat(40)}!` },
        ],
      },
    });
    const cut = { error: 'bad_request', reason: expect.stringMatching(/\$regex .* took over/) };
    const find = await call(`${srv.url}/rx/_find`, { method: 'POST', json: hostile });
    expect(find).toMatchObject({ status: 400, body: cut });
    const feed = await call(`${srv.url}/rx/_changes?filter=_selector`, {
      method: 'POST',
      json: hostile,
    });
    expect(feed).toMatchObject({ status: 400, body: cut });
    // Streamed feeds have sent their status already: they end on the error instead of a
    // last_seq, so a client does not carry on as if it had every change.
    const continuous = await fetch(`${srv.url}/rx/_changes?filter=_selector&feed=continuous`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(hostile),
    }).then((res) => res.text());
    const lastLine = JSON.parse(continuous.trim().split('\n').at(-1) ?? '');
    expect(lastLine).toMatchObject(cut);
    const since = (await call(`${srv.url}/rx`)).body as { update_seq: number };
    const polling = call(
      `${srv.url}/rx/_changes?filter=_selector&feed=longpoll&since=${since.update_seq}`,
      { method: 'POST', json: hostile },
    );
    await new Promise((r) => setTimeout(r, 200));
    await call(`${srv.url}/rx/trap2`, { method: 'PUT', json: { text: `${'a'.repeat(40)}!` } });
    expect((await polling).body).toMatchObject(cut);
    // A pattern that does not backtrack is matched as ever.
    const plain = await call(`${srv.url}/rx/_find`, {
      method: 'POST',
      json: { selector: { text: { $regex: '^a+$' } } },
    });
    expect((plain.body as { docs: { _id: string }[] }).docs.map((d) => d._id)).toEqual(['plain']);
    expect((await call(`${srv.url}/_up`)).status).toBe(200);
  });
});
