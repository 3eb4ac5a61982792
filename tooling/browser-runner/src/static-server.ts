import { readFile } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/** A file served from memory. */
export interface ServedFile {
  body: string | Uint8Array;
  /** Content-Type; guessed from the path's extension when absent. */
  type?: string;
  /** Extra response headers, e.g. a `content-security-policy`. */
  headers?: Record<string, string>;
}

/** What the server serves. Routes are matched in this order: files, proxies, directories. */
export interface StaticServerOptions {
  /** Exact paths (`/index.html`) served from memory; may be added to later via `files`. */
  files?: Record<string, ServedFile>;
  /** Directories served under a URL prefix: `{ '/': '/abs/dir' }`. */
  dirs?: Record<string, string>;
  /**
   * URL prefixes forwarded to another server with the prefix removed, e.g.
   * `{ '/couch': 'http://127.0.0.1:5984' }`: the page then reaches a CouchDB on its own origin,
   * with no CORS involved. When the target is down the answer is 502.
   */
  proxy?: Record<string, string>;
}

/** A running static server on 127.0.0.1. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** In-memory files; add or replace entries while running. */
  files: Map<string, ServedFile>;
  /**
   * Retargets (or adds) a proxy prefix, cutting the requests in flight through it (long polls
   * included), as a network outage would. A target nothing listens on makes the server "down".
   */
  setProxy(prefix: string, target: string): void;
  stop(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function typeOf(path: string): string {
  return TYPES[extname(path)] ?? 'application/octet-stream';
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Uint8Array,
  type: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function forward(req: IncomingMessage, res: ServerResponse, target: string, path: string) {
  const url = new URL(path, target);
  const headers = { ...req.headers, host: url.host };
  const out = httpRequest(url, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  out.on('error', () => {
    if (!res.headersSent) send(res, 502, '{"error":"bad_gateway"}', 'application/json');
    else res.destroy();
  });
  res.on('close', () => out.destroy());
  req.pipe(out);
}

async function fromDir(dir: string, rest: string): Promise<Uint8Array | undefined> {
  const file = normalize(join(dir, decodeURIComponent(rest)));
  if (file !== dir && !file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return undefined;
  try {
    return await readFile(file.endsWith(sep) || rest === '' ? join(file, 'index.html') : file);
  } catch {
    return undefined;
  }
}

/**
 * A tiny HTTP server on 127.0.0.1 (free port) for test and bench pages: in-memory bundles,
 * directories, and same-origin proxies to servers the page talks to.
 */
export async function startStaticServer(options: StaticServerOptions = {}): Promise<StaticServer> {
  const files = new Map(Object.entries(options.files ?? {}));
  const proxies = new Map(Object.entries(options.proxy ?? {}));
  const dirs = Object.entries(options.dirs ?? {});
  const inflight = new Map<string, Set<ServerResponse>>();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void handle(req, res, url.pathname, url.search);
  });
  async function handle(req: IncomingMessage, res: ServerResponse, path: string, query: string) {
    const file = files.get(path);
    if (file) return send(res, 200, file.body, file.type ?? typeOf(path), file.headers);
    for (const [prefix, target] of proxies) {
      if (path === prefix || path.startsWith(`${prefix}/`)) {
        const open = inflight.get(prefix) ?? new Set();
        inflight.set(prefix, open.add(res));
        res.on('close', () => open.delete(res));
        return forward(req, res, target, (path.slice(prefix.length) || '/') + query);
      }
    }
    for (const [prefix, dir] of dirs) {
      if (!path.startsWith(prefix)) continue;
      const body = await fromDir(dir, path.slice(prefix.length));
      if (body) return send(res, 200, body, typeOf(path.endsWith('/') ? 'x.html' : path));
    }
    send(res, 404, 'not found', 'text/plain');
  }
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    setProxy(prefix, target) {
      proxies.set(prefix, target);
      for (const res of inflight.get(prefix) ?? []) res.destroy();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
