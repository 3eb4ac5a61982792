import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type TestServer } from './helpers.js';

let srv: TestServer;
let db: string;
let rev: string;
const BYTES = Buffer.from([0, 13, 10, 45, 45, 255, 1, 2]); // CR LF and "--" inside on purpose
beforeAll(async () => {
  srv = await startTestServer();
  db = `${srv.url}/mp`;
  await call(db, { method: 'PUT' });
  const first = (await call(`${db}/m`, { method: 'PUT', json: { title: 'with file' } })).body as {
    rev: string;
  };
  const put = await call(`${db}/m/blob.bin?rev=${first.rev}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: BYTES,
  });
  rev = (put.body as { rev: string }).rev;
});
afterAll(() => srv.stop());

describe('multipart', () => {
  it('GET attachments=true as multipart/related, and PUT of that body stores the same document', async () => {
    const res = await fetch(`${db}/m?attachments=true&revs=true`, {
      headers: { Accept: 'multipart/related' },
    });
    const type = res.headers.get('content-type') ?? '';
    expect(type).toMatch(/^multipart\/related; boundary="[0-9a-f]+"$/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.includes(BYTES)).toBe(true);
    expect(body.toString('latin1')).toContain('"follows":true');

    const put = await fetch(`${db}/m?new_edits=false`, {
      method: 'PUT',
      headers: { 'Content-Type': type },
      body,
    });
    expect(put.status).toBe(201);
    // The same upload under another id (the URL's id wins over the body's `_id`).
    const copy = await fetch(`${db}/m2?new_edits=false`, {
      method: 'PUT',
      headers: { 'Content-Type': type },
      body,
    });
    expect(copy.status).toBe(201);
    const stored = Buffer.from(await (await fetch(`${db}/m2/blob.bin`)).arrayBuffer());
    expect([...stored]).toEqual([...BYTES]);
  });

  it('open_revs with Accept multipart/mixed: nested multipart/related for attachments, missing revs flagged', async () => {
    const revs = encodeURIComponent(JSON.stringify([rev, '9-missing']));
    const res = await fetch(`${db}/m?open_revs=${revs}&attachments=true`, {
      headers: { Accept: 'multipart/mixed' },
    });
    expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/);
    const text = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expect(text).toContain('Content-Type: multipart/related; boundary=');
    expect(text).toContain('Content-Type: application/json; error="true"');
    expect(text).toContain('{"missing":"9-missing"}');
    expect(Buffer.from(text, 'latin1').includes(BYTES)).toBe(true);
    const json = await call(`${db}/m?open_revs=${revs}`, {
      headers: { Accept: 'application/json' },
    });
    expect(json.body).toMatchObject([{ ok: { _id: 'm', _rev: rev } }, { missing: '9-missing' }]);
  });
});

describe('local documents', () => {
  it('a part whose size differs from its stub, or a JSON part that is not a document, is a 400', async () => {
    const boundary = 'b0undary';
    const upload = (json: string, data: string) =>
      fetch(`${db}/sized?new_edits=false`, {
        method: 'PUT',
        headers: { 'Content-Type': `multipart/related; boundary=${boundary}` },
        body:
          `--${boundary}\r\ncontent-type: application/json\r\n\r\n${json}\r\n` +
          `--${boundary}\r\n\r\n${data}\r\n--${boundary}--`,
      });
    const doc = (length: number) =>
      JSON.stringify({
        _id: 'sized',
        _rev: '1-a',
        _revisions: { start: 1, ids: ['a'] },
        _attachments: { 'f.txt': { content_type: 'text/plain', follows: true, length } },
      });
    for (const [length, data] of [
      [3, 'ab'],
      [3, 'abcd'],
    ] as const) {
      const res = await upload(doc(length), data);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: 'bad_request',
        reason: `attachment f.txt is ${data.length} bytes in the multipart body, its stub says 3`,
      });
    }
    const notADoc = await upload('[1,2]', 'ab');
    expect(await notADoc.json()).toEqual({
      error: 'bad_request',
      reason: 'Document must be a JSON object',
    });
    expect((await call(`${db}/sized`)).status).toBe(404);
    // The size it says: stored.
    expect((await upload(doc(3), 'abc')).status).toBe(201);
  });

  it('keep no attachments, as in CouchDB', async () => {
    const doc = { _attachments: { 'a.txt': { content_type: 'text/plain', data: 'aGk=' } }, n: 1 };
    expect((await call(`${db}/_local/l`, { method: 'PUT', json: doc })).status).toBe(201);
    const got = (await call(`${db}/_local/l?attachments=true`)).body as Record<string, unknown>;
    expect(got).toMatchObject({ _id: '_local/l', n: 1 });
    expect(got._attachments).toBeUndefined();
    expect(await call(`${db}/_local/l/a.txt`)).toMatchObject({
      status: 400,
      body: { error: 'bad_request', reason: '_local documents do not accept attachments.' },
    });
  });
});
