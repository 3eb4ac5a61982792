import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * One fault. A request matching `match` is hit by the first rule that still has `times` left;
 * what happens is decided by the first field set, in this order: `hang`, `status`, `body`,
 * then forwarding (after `delayMs`), cut by `dropAfterBytes` or `truncateAfterBytes`.
 */
export interface FaultRule {
  /**
   * Which requests: a substring of, or a RegExp tested on, `'METHOD /path?query'`
   * (e.g. `'GET /db/_changes'`, `/_bulk_docs/`). Default: every request.
   */
  match?: string | RegExp;
  /** How many matching requests the rule hits (default 1; `Infinity` for all). */
  times?: number;
  /** Accept the request and never answer (until `dropConnections()` or `stop()`). */
  hang?: boolean;
  /**
   * Answer this status without forwarding, with a CouchDB-style JSON error body, or with
   * `body` when that is set too (e.g. Google Drive's own error shape).
   */
  status?: number;
  /** Answer 200 (or `status`) with this body (e.g. something that is not JSON), without forwarding. */
  body?: string;
  /** Wait this many ms before forwarding (a slow server). */
  delayMs?: number;
  /** Forward, then destroy the connection after this many bytes of the response body. */
  dropAfterBytes?: number;
  /**
   * Forward, then end the response cleanly after this many body bytes (`Content-Length`
   * removed): a well-formed HTTP response whose body is cut short.
   */
  truncateAfterBytes?: number;
}

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** The server to forward to, e.g. a `startCouchServer()` URL. */
  target: string;
  /** Rules active from the start (more can be added with `inject`). */
  faults?: FaultRule[];
}

/** A running fault-injecting proxy. */
export interface FaultProxy {
  /** The proxy's base URL (`http://127.0.0.1:<port>`): use it in place of the target's. */
  readonly url: string;
  /** Every request seen so far, as `'METHOD /path?query'`, in arrival order. */
  readonly requests: readonly string[];
  /** Adds a rule after the existing ones. */
  inject(rule: FaultRule): void;
  /** Removes every rule: requests are forwarded untouched again. */
  clear(): void;
  /** Destroys every open client connection (in-flight long-polls included): a network blip. */
  dropConnections(): void;
  /** Stops listening and destroys every connection. Idempotent. */
  stop(): Promise<void>;
}

interface ActiveRule {
  rule: FaultRule;
  left: number;
}

/**
 * Starts an HTTP proxy on 127.0.0.1 (free port) in front of `target` that injects faults:
 * dropped connections mid-body, truncated or non-JSON bodies, error statuses, delays and hangs.
 * Tests point a database at `proxy.url` instead of the server's URL.
 * @example
 * const proxy = await startFaultProxy({ target: server.url });
 * proxy.inject({ match: '_changes', dropAfterBytes: 10 });
 * const db = new Satchel(`${proxy.url}/db`);
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const rules: ActiveRule[] = [];
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const inject = (rule: FaultRule): void => {
    rules.push({ rule, left: rule.times ?? 1 });
  };
  for (const rule of options.faults ?? []) inject(rule);

  const server = createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    requests.push(line);
    const active = rules.find((r) => r.left > 0 && matches(r.rule, line));
    if (active) active.left -= 1;
    handle(target, req, res, active?.rule ?? {});
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const dropConnections = (): void => {
    for (const socket of sockets) socket.destroy();
  };
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    inject,
    clear: () => {
      rules.length = 0;
    },
    dropConnections,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        dropConnections();
        server.close(() => resolve());
      });
      return stopped;
    },
  };
}

function matches(rule: FaultRule, line: string): boolean {
  if (rule.match === undefined) return true;
  return typeof rule.match === 'string' ? line.includes(rule.match) : rule.match.test(line);
}

/** Applies `rule` to one request (an empty rule forwards it untouched). */
function handle(target: URL, req: IncomingMessage, res: ServerResponse, rule: FaultRule): void {
  if (rule.hang) {
    req.resume();
    return;
  }
  if (rule.status !== undefined) {
    req.resume();
    const body = { error: 'injected_fault', reason: `fault proxy answered ${rule.status}` };
    res.writeHead(rule.status, { 'Content-Type': 'application/json' });
    res.end(rule.body ?? JSON.stringify(body));
    return;
  }
  if (rule.body !== undefined) {
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(rule.body);
    return;
  }
  if (rule.delayMs) {
    const timer = setTimeout(() => proxy(target, req, res, rule), rule.delayMs);
    res.once('close', () => clearTimeout(timer));
    return;
  }
  proxy(target, req, res, rule);
}

/** Forwards the request to `target` and streams the answer back, cut as `rule` asks. */
function proxy(target: URL, req: IncomingMessage, res: ServerResponse, rule: FaultRule): void {
  const upstream = forward(
    new URL(req.url ?? '/', target),
    // Uncompressed answers, so byte counts cut the body itself.
    {
      method: req.method,
      headers: { ...req.headers, host: target.host, 'accept-encoding': 'identity' },
    },
    (answer) => relay(answer, res, rule),
  );
  upstream.on('error', () => res.socket?.destroy());
  // A client that went away (or was dropped) ends the upstream request too: servers cancel
  // their long-polls when the connection closes.
  res.once('close', () => upstream.destroy());
  req.pipe(upstream);
}

function relay(answer: IncomingMessage, res: ServerResponse, rule: FaultRule): void {
  const headers = { ...answer.headers };
  const cut = rule.truncateAfterBytes ?? rule.dropAfterBytes;
  if (rule.truncateAfterBytes !== undefined) delete headers['content-length'];
  res.writeHead(answer.statusCode ?? 502, headers);
  if (cut === undefined) {
    answer.pipe(res);
    return;
  }
  let sent = 0;
  const stop = (): void => {
    answer.destroy();
    if (rule.truncateAfterBytes !== undefined) res.end();
    // Once what was written has left, so the client really got `cut` bytes first.
    else res.write('', () => res.socket?.destroy());
  };
  if (cut === 0) {
    res.flushHeaders();
    stop();
    return;
  }
  answer.on('data', (chunk: Buffer) => {
    if (sent >= cut) return;
    const part = chunk.subarray(0, cut - sent);
    sent += part.length;
    res.write(part);
    if (sent >= cut) stop();
  });
  answer.on('end', () => {
    if (sent < cut) res.end();
  });
}
