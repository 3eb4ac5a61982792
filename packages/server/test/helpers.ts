import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type SatchelServer, type ServerOptions } from '../src/index.js';

const require = createRequire(import.meta.url);

/** pouchdb@9 (the oracle client), loosely typed. */
// biome-ignore lint/suspicious/noExplicitAny: the oracle's API is used untyped in tests
export const PouchDB = require('pouchdb') as any;

/** A running test server and its data directory. */
export interface TestServer {
  url: string;
  server: SatchelServer;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts a server on 127.0.0.1 (free port) over LevelDB in a fresh temporary directory. */
export async function startTestServer(opts: ServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'satchel-server-test-'));
  const server = createServer({ dataDir, ...opts });
  const url = await server.listen({ port: 0 });
  return {
    url,
    server,
    dataDir,
    async stop() {
      await server.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `fetch` that returns status and parsed JSON. */
export async function call(
  url: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const { json, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    ...(json !== undefined
      ? {
          body: JSON.stringify(json),
          headers: { 'Content-Type': 'application/json', ...rest.headers },
        }
      : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body, headers: res.headers };
}
