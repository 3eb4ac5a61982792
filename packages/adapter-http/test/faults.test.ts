import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpAdapter } from '../src/index.js';

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
