import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

// Requests broken below the routes: a URL whose percent-encoding is not UTF-8, bytes Node's
// HTTP parser refuses, and bodies cut short. Each gets CouchDB's error shape (what clients read
// the reason from) or, for a body that never arrives whole, nothing written at all.

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await fetch(`${t.url}/db`, { method: 'PUT' });
});
afterAll(() => t?.stop());

/** Sends `text` on a raw connection; resolves with all the server sent once either side closes. */
function rawExchange(text: string, closeAfterMs?: number): Promise<string> {
  const { port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(text);
      if (closeAfterMs !== undefined) setTimeout(() => socket.destroy(), closeAfterMs);
    });
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

describe('malformed requests', () => {
  it('a URL whose percent-encoding is not UTF-8 is 400 bad_request, CouchDB-shaped', async () => {
    for (const path of ['/db/a%E0%A4%A', '/%FF%FE', '/db/_design/%C3/_view/v']) {
      const res = await fetch(t.url + path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { error?: string; reason?: string };
      expect(body.error, path).toBe('bad_request');
      expect(body.reason, path).toMatch(/^Invalid request URL: /);
    }
  });

  it('_all_docs keys that are JSON but not a list are 400 bad_request, not a 500', async () => {
    for (const keys of ['5', '"a"', '{}', 'null']) {
      const res = await fetch(`${t.url}/db/_all_docs?keys=${encodeURIComponent(keys)}`);
      expect(res.status, keys).toBe(400);
      expect(await res.json(), keys).toEqual({
        error: 'bad_request',
        reason: '`keys` member must be an array.',
      });
    }
  });

  it('bytes the HTTP parser refuses get a 400 bad_request body, then the connection closes', async () => {
    const answers = await Promise.all([
      rawExchange('GET /db HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n'),
      rawExchange('PUT /db/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'),
      rawExchange('NOT-HTTP\r\n\r\n'),
    ]);
    for (const answer of answers) {
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
      expect(body).toEqual({ error: 'bad_request', reason: 'Malformed HTTP request' });
    }
  });

  it('a body cut short by the client writes nothing, and the server goes on serving', async () => {
    const head = 'HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n';
    await Promise.all([
      rawExchange(`PUT /db/short ${head}Content-Length: 100\r\n\r\n{"a":1}`, 200),
      rawExchange(`PUT /db/chunked ${head}Transfer-Encoding: chunked\r\n\r\n7\r\n{"a":1}\r\n`, 200),
      rawExchange(
        `POST /db/_bulk_docs ${head}Content-Length: 500\r\n\r\n{"docs":[{"_id":"bulk"}]}`,
        200,
      ),
    ]);
    const all = await (await fetch(`${t.url}/db/_all_docs`)).json();
    expect(all).toMatchObject({ total_rows: 0, rows: [] });
    const put = await fetch(`${t.url}/db/after`, { method: 'PUT', body: '{"ok":1}' });
    expect(put.status).toBe(201);
  });
});
