import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFaultProxy } from '@satchel/servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedRequest, type RecordingFetch, recordingFetch } from './recording-fetch.js';
import { type CouchServer, dbUrl, PouchDB, S, useCouchServer } from './setup-server.js';

// One server for the file: two express-pouchdb servers in one process interfere.
let server: CouchServer;
beforeAll(async () => {
  server = await useCouchServer();
});
afterAll(() => server.stop());

type Doc = Record<string, unknown>;
type Atts = Record<string, Record<string, unknown>>;

/** The calls a Satchel and a pouchdb@9 database both answer, as the request test uses them. */
interface AttachmentCalls {
  info(): Promise<unknown>;
  putAttachment(...args: unknown[]): Promise<{ rev: string }>;
  removeAttachment(id: string, name: string, rev: string): Promise<unknown>;
  get(id: string, opts?: object): Promise<unknown>;
  destroy(): Promise<unknown>;
}

/** A database with the recording `fetch` it was opened with. */
interface Side {
  rec: RecordingFetch;
  url: string;
  db: AttachmentCalls;
}

/** The path of a request with the database's own name replaced, to compare two databases. */
function shape(req: RecordedRequest, url: string): string {
  const dbPath = new URL(url).pathname;
  return `${req.method} ${req.path.replace(dbPath, '/DB')}`;
}

/** A recorded body as the bytes that went on the wire. */
function wireBytes(body: Uint8Array | string): Uint8Array {
  return typeof body === 'string' ? new TextEncoder().encode(body) : body;
}

function md5Digest(bytes: Uint8Array): string {
  return `md5-${createHash('md5').update(bytes).digest('base64')}`;
}

describe('http adapter: attachments travel as raw bytes', () => {
  it('putAttachment is one PUT of the raw bytes with the content type, no base64, no JSON', async () => {
    const rec = recordingFetch();
    const url = dbUrl(server);
    const db = new S(url, { fetch: rec.fetch });
    await db.info();
    rec.clear();
    const bytes = new Uint8Array([0, 1, 2, 0x7b, 0x22, 250, 255]);
    const first = await db.putAttachment('doc/1 é', 'dir/a b.bin', Buffer.from(bytes), 'x/y');
    expect(rec.requests).toEqual([
      {
        method: 'PUT',
        path: `${new URL(url).pathname}/doc%2F1%20%C3%A9/dir/a%20b.bin`,
        contentType: 'x/y',
        body: bytes,
      },
    ]);
    expect(first).toEqual({ ok: true, id: 'doc/1 é', rev: expect.stringMatching(/^1-/) });

    rec.clear();
    const second = await db.putAttachment('doc/1 é', 'b.txt', first.rev, 'aGVsbG8=', 'text/plain');
    expect(rec.requests).toHaveLength(1);
    expect(rec.requests[0]).toMatchObject({
      method: 'PUT',
      path: expect.stringMatching(new RegExp(`/b\\.txt\\?rev=${first.rev}$`)),
      contentType: 'text/plain',
      body: new TextEncoder().encode('hello'),
    });
    expect(second.rev).toMatch(/^2-/);

    rec.clear();
    const third = await db.removeAttachment('doc/1 é', 'dir/a b.bin', second.rev);
    expect(rec.requests.map((r) => shape(r, url))).toEqual([
      `DELETE /DB/doc%2F1%20%C3%A9/dir/a%20b.bin?rev=${second.rev}`,
    ]);
    expect(third).toEqual({ ok: true, id: 'doc/1 é', rev: expect.stringMatching(/^3-/) });
    const doc = (await db.get('doc/1 é')) as Doc;
    expect(Object.keys(doc._attachments as Atts)).toEqual(['b.txt']);

    // A Blob (what browsers hand over) goes out as its bytes too.
    rec.clear();
    await db.putAttachment('blob', 'b.gif', new Blob([bytes], { type: 'x/z' }), 'image/gif');
    expect(rec.requests).toMatchObject([{ method: 'PUT', contentType: 'image/gif', body: bytes }]);
    const back = (await db.getAttachment('blob', 'b.gif')) as Buffer & { type: string };
    expect(Buffer.from(back).equals(bytes)).toBe(true);
    expect(back.type).toBe('image/gif');
    await db.destroy();
  });

  it('get with attachments reads the stubs, then each attachment raw, in parallel (at most 5)', async () => {
    const rec = recordingFetch(/\/many\/att-\d+/);
    const url = dbUrl(server);
    const db = new S(url, { fetch: rec.fetch });
    const atts: Record<string, { content_type: string; data: Buffer }> = {};
    for (let i = 0; i < 12; i++) {
      atts[`att-${i}`] = { content_type: 'application/octet-stream', data: randomBytes(1000 + i) };
    }
    const { rev } = await db.put({ _id: 'many', _attachments: atts });
    rec.clear();
    const doc = (await db.get('many', { attachments: true })) as Doc;
    const paths = rec.requests.map((r) => shape(r, url));
    expect(paths[0]).toBe('GET /DB/many');
    expect(paths.slice(1).sort()).toEqual(
      Object.keys(atts)
        .map((name) => `GET /DB/many/${name}?rev=${rev}`)
        .sort(),
    );
    expect(rec.maxInFlight).toBe(5);
    for (const [name, att] of Object.entries(doc._attachments as Atts)) {
      const sent = atts[name]?.data as Buffer;
      expect(att).toEqual({
        content_type: 'application/octet-stream',
        digest: md5Digest(sent),
        revpos: 1,
        data: sent.toString('base64'),
      });
    }
    rec.clear();
    const binary = (await db.get('many', { attachments: true, binary: true })) as Doc;
    expect(rec.requests).toHaveLength(13);
    const one = (binary._attachments as Atts)['att-3']?.data as Buffer & { type?: string };
    expect(Buffer.isBuffer(one)).toBe(true);
    expect(one.equals(atts['att-3']?.data as Buffer)).toBe(true);
    expect(one.type).toBe('application/octet-stream');
    await db.destroy();
  });

  it('a 5 MB random attachment round-trips byte-identical, and pouchdb@9 reads the same bytes', async () => {
    const rec = recordingFetch();
    const url = dbUrl(server);
    const db = new S(url, { fetch: rec.fetch });
    const size = 5 * 1024 * 1024;
    const bytes = randomBytes(size);
    await db.info();
    rec.clear();
    const { rev } = await db.putAttachment('big', 'blob.bin', bytes, 'application/octet-stream');
    expect(rec.requests).toHaveLength(1);
    const sent = rec.requests[0]?.body as Uint8Array;
    expect(sent.byteLength).toBe(size);
    expect(Buffer.from(sent).equals(bytes)).toBe(true);

    const back = (await db.getAttachment('big', 'blob.bin')) as Buffer;
    expect(Buffer.from(back).equals(bytes)).toBe(true);
    const stub = ((await db.get('big')) as Doc)._attachments as Atts;
    expect(stub['blob.bin']).toEqual({
      content_type: 'application/octet-stream',
      digest: md5Digest(bytes),
      length: size,
      revpos: 1,
      stub: true,
    });
    const binary = (await db.get('big', { attachments: true, binary: true })) as Doc;
    const data = (binary._attachments as Atts)['blob.bin']?.data as Buffer;
    expect(data.equals(bytes)).toBe(true);
    const base64 = (await db.get('big', { attachments: true, rev })) as Doc;
    expect((base64._attachments as Atts)['blob.bin']?.data).toBe(bytes.toString('base64'));

    const pouch = new PouchDB(url);
    const theirs = (await pouch.getAttachment('big', 'blob.bin')) as Buffer;
    expect(Buffer.from(theirs).equals(bytes)).toBe(true);
    await db.destroy();
  });

  it('sends the same requests as pouchdb@9 for putAttachment, removeAttachment and get', async () => {
    const png = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 255]);
    const open = (make: (url: string, fetch: RecordingFetch['fetch']) => unknown): Side => {
      const rec = recordingFetch();
      const url = dbUrl(server);
      return { rec, url, db: make(url, rec.fetch) as AttachmentCalls };
    };
    const ours = open((url, fetch) => new S(url, { fetch }));
    const theirs = open((url, fetch) => new PouchDB(url, { fetch }));
    /** Each step's requests: method, path, content type of bodies, and the body bytes. */
    async function run({ rec, url, db }: Side): Promise<unknown[]> {
      await db.info();
      const steps: unknown[] = [];
      const step = async <T>(fn: () => Promise<T>): Promise<T> => {
        rec.clear();
        const result = await fn();
        steps.push(
          rec.requests
            .map((r) => ({
              at: shape(r, url),
              ...(r.body === undefined ? {} : { type: r.contentType, body: wireBytes(r.body) }),
            }))
            .sort((a, b) => a.at.localeCompare(b.at)),
        );
        return result;
      };
      const a = await step(() => db.putAttachment('d+1', 'a/b.png', png, 'image/png'));
      const b = await step(() => db.putAttachment('d+1', 'n.txt', a.rev, 'aGk=', 'text/plain'));
      await step(() => db.get('d+1', { attachments: true }));
      await step(() => db.get('d+1', { open_revs: 'all', attachments: true, binary: true }));
      await step(() => db.removeAttachment('d+1', 'a/b.png', b.rev));
      await step(() => db.putAttachment('_design/x', 'e', '', 'text/plain'));
      return steps;
    }
    const [mine, pouchs] = [await run(ours), await run(theirs)];
    expect(mine).toEqual(pouchs);
    expect(mine[0]).toEqual([
      { at: 'PUT /DB/d%2B1/a/b.png', type: 'image/png', body: new Uint8Array(png) },
    ]);
    await ours.db.destroy();
    await theirs.db.destroy();
  });

  it('an attachment download that fails fails the get with its error, never a wrong result', async () => {
    const proxy = await startFaultProxy({ target: server.url });
    const url = dbUrl(server).replace(server.url, proxy.url);
    const db = new S(url);
    await db.putAttachment('f', 'a.txt', 'aGk=', 'text/plain');
    proxy.inject({ match: /GET \/[^/]+\/f\/a\.txt/, status: 500 });
    await expect(db.get('f', { attachments: true })).rejects.toMatchObject({
      status: 500,
      docId: 'f',
    });
    proxy.inject({ match: /GET \/[^/]+\/f\/a\.txt/, dropAfterBytes: 1 });
    await expect(db.get('f', { attachments: true })).rejects.toMatchObject({
      status: 500,
      name: 'unknown_error',
    });
    const doc = (await db.get('f', { attachments: true })) as Doc;
    expect((doc._attachments as Atts)['a.txt']?.data).toBe('aGk=');
    await db.destroy();
    await proxy.stop();
  });

  it('downloads only stubs: data a server already inlined (a _local doc) is kept, not fetched', async () => {
    // PouchDB-based servers hand back a _local doc's attachments as they were put, data and
    // all (CouchDB and express-pouchdb leave them out); a plain server plays that part here.
    const atts = { 'foo.txt': { content_type: 'text/plain', data: 'aGVsbG8=' } };
    const paths: string[] = [];
    const inlining = createServer((req, res) => {
      paths.push(`${req.method} ${req.url}`);
      res.setHeader('Content-Type', 'application/json');
      if (req.url?.startsWith('/db/_local/with-atts')) {
        res.end(JSON.stringify({ _id: '_local/with-atts', _rev: '0-1', _attachments: atts }));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: 'not_found', reason: 'missing' }));
      }
    });
    await new Promise<void>((done) => inlining.listen(0, '127.0.0.1', done));
    const { port } = inlining.address() as AddressInfo;
    try {
      const db = new S(`http://127.0.0.1:${port}/db`, { skip_setup: true });
      const doc = (await db.get('_local/with-atts', { attachments: true })) as Doc;
      expect(doc._attachments).toEqual(atts);
      expect(paths).toEqual(['GET /db/_local/with-atts']);
    } finally {
      await new Promise((done) => inlining.close(done));
    }
  });

  it('refuses bad arguments with clear errors before any request is sent', async () => {
    const rec = recordingFetch();
    const db = new S(dbUrl(server), { fetch: rec.fetch });
    await db.info();
    rec.clear();
    const put = db.putAttachment.bind(db) as (...args: unknown[]) => Promise<unknown>;
    await expect(put('d', 'a.txt', 'not base64!', 'text/plain')).rejects.toMatchObject({
      status: 500,
      name: 'badarg',
      reason: 'Attachment is not a valid base64 string',
    });
    await expect(put('d', 'a.txt', { nested: [1] }, 'text/plain')).rejects.toMatchObject({
      status: 500,
      name: 'badarg',
    });
    await expect(put(42, 'a.txt', 'aGk=', 'text/plain')).rejects.toMatchObject({
      status: 400,
      message: '_id field must contain a string',
    });
    await expect(put('d', { name: 1 }, 'aGk=', 'text/plain')).rejects.toMatchObject({
      status: 400,
      name: 'bad_request',
    });
    const remove = db.removeAttachment.bind(db) as (...args: unknown[]) => Promise<unknown>;
    await expect(remove('d', 'a.txt', undefined)).rejects.toMatchObject({ status: 409 });
    expect(rec.requests).toEqual([]);
    await db.destroy();
  });

  it('putAttachment and removeAttachment take callbacks too', async () => {
    const db = new S(dbUrl(server));
    const put = await new Promise<{ rev: string }>((resolve, reject) =>
      db.putAttachment('cb', 'a.txt', 'aGk=', 'text/plain', (err, res) =>
        err ? reject(err) : resolve(res as { rev: string }),
      ),
    );
    const removed = await new Promise<unknown>((resolve) =>
      db.removeAttachment('cb', 'a.txt', put.rev, (_err, res) => resolve(res)),
    );
    expect(removed).toMatchObject({ ok: true, id: 'cb', rev: expect.stringMatching(/^2-/) });
    await db.destroy();
  });
});
