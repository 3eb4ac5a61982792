import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { SELECTOR_TIME_LIMIT_OPTION, stringify } from '@satchel/core';
import SatchelNode from '@satchel/node';
import Fastify, { type FastifyInstance } from 'fastify';
import { type AuthMethod, authenticate } from './auth/authenticate.js';
import { LoginLimiter } from './auth/login-limiter.js';
import { SessionCookies } from './auth/session-cookie.js';
import type { UserCtx } from './auth/user-context.js';
import type { ServerContext } from './context.js';
import { applyCors } from './cors.js';
import { badRequest, CouchError, sendCouchError, toCouchBody } from './couch-error.js';
import { Databases } from './databases.js';
import { resolveOptions, type ServerOptions } from './options.js';
import { Replications } from './replications.js';
import { bulkRoutes } from './routes/bulk-routes.js';
import { changesRoutes } from './routes/changes-routes.js';
import { dbRoutes } from './routes/db-routes.js';
import { docRoutes } from './routes/doc-routes.js';
import { queryRoutes } from './routes/query-routes.js';
import { serverRoutes } from './routes/server-routes.js';
import type { DbConstructor } from './server-db.js';
import { Validators } from './validation.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who sent the request (set for every request before routing). */
    userCtx: UserCtx;
    /** How the request authenticated, if it did. */
    authMethod: AuthMethod;
  }
}

/** A server built by {@link createServer}: embed `handler`, or `listen`. */
export interface SatchelServer {
  /** The fastify instance (add routes or hooks before the first request). */
  readonly app: FastifyInstance;
  /**
   * A Node request listener serving the whole API, for `http.createServer(handler)` or an
   * existing server's `request` event. Available after {@link ready}.
   */
  readonly handler: RequestListener;
  /** Resolves once the routes are ready and the database catalogue is read. */
  ready(): Promise<void>;
  /** Listens on `host:port` (default 127.0.0.1:5984; port 0 picks a free one); resolves the base URL. */
  listen(opts?: { port?: number; host?: string }): Promise<string>;
  /** Stops listening, ends open feeds and replications, and closes every database. */
  close(): Promise<void>;
  /** Whether no admin is configured (everyone is admin). */
  readonly adminParty: boolean;
}

/** Paths an anonymous user may reach when `requireValidUser` is on. */
const OPEN_PATHS = new Set(['/', '/_up', '/_session']);

/** Where databases go: a directory for LevelDB, a private namespace in memory. */
export function storagePrefix(adapter: string, dataDir: string): string {
  if (adapter === 'memory') return `satchel-server-${randomUUID()}/`;
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  return `${dir}/`;
}

/**
 * Builds a CouchDB-compatible HTTP server over Satchel databases (LevelDB in `./data` by
 * default). Nothing listens until {@link SatchelServer.listen}; `handler` embeds it instead.
 * @example
 * const server = createServer({ dataDir: './data' });
 * console.log(await server.listen({ port: 5984 }));
 */
export function createServer(opts: ServerOptions = {}): SatchelServer {
  const options = resolveOptions(opts, randomBytes(32).toString('hex'));
  const Satchel = options.Satchel ?? (SatchelNode as unknown as DbConstructor);
  const databases = new Databases({
    Satchel,
    adapter: options.adapter,
    prefix: storagePrefix(options.adapter, options.dataDir),
    // A request's `$regex` may backtrack for ever: matching is cut off like design code.
    dbOptions: { [SELECTOR_TIME_LIMIT_OPTION]: options.sandboxTimeoutMs },
  });
  const ctx: ServerContext = {
    options,
    Satchel,
    databases,
    cookies: new SessionCookies(options.secret, options.sessionTimeoutSec),
    limiter: new LoginLimiter(options.maxLoginFailures, options.loginWindowMs),
    replications: new Replications(),
    validators: new Validators(options.sandboxTimeoutMs),
    adminParty: Object.keys(options.admins).length === 0,
    uuid: randomUUID().replaceAll('-', ''),
  };
  let handler: RequestListener | undefined;
  const app = Fastify({
    bodyLimit: options.maxBodyBytes,
    // PouchDB addresses databases as `/db/`; ids can be long.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 64 * 1024 },
    forceCloseConnections: true,
    logger: options.logger,
    // Errors raised before routing (a URL whose percent-encoding is not UTF-8) and requests
    // Node's parser refuses get CouchDB's error shape too, not the framework's.
    frameworkErrors: (err, _req, reply) =>
      sendCouchError(reply, badRequest(`Invalid request URL: ${err.message}`)),
    clientErrorHandler: refuseMalformedRequest,
    serverFactory: (h) => {
      handler = h;
      return createHttpServer(h);
    },
  });
  configure(app, ctx);
  let readied: Promise<void> | undefined;
  const ready = (): Promise<void> => {
    readied ??= Promise.all([app.ready(), databases.ready()]).then(() => undefined);
    return readied;
  };
  return {
    app,
    get handler(): RequestListener {
      if (!handler) throw new Error('call ready() before using handler');
      return handler;
    },
    ready,
    adminParty: ctx.adminParty,
    async listen({ port = 5984, host = '127.0.0.1' } = {}) {
      await ready();
      await app.listen({ port, host });
      const address = app.server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
    },
    async close() {
      ctx.replications.stopAll();
      await app.close();
      await databases.close();
    },
  };
}

/**
 * Answers a request Node's HTTP parser refused (a malformed request line, header or chunk) with
 * CouchDB's error shape, then closes the connection; a connection that broke gets nothing.
 */
function refuseMalformedRequest(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(toCouchBody(badRequest('Malformed HTTP request')).body);
  socket.end(
    'HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: close\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Body parsing, hooks, error shapes and routes. */
function configure(app: FastifyInstance, ctx: ServerContext): void {
  app.addHttpMethod('COPY', { hasBody: false });
  // Bodies stay bytes: each route reads JSON, form data or a raw attachment as it needs.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  // Documents nested past the native serialiser's stack are answered too (it still runs first).
  app.setReplySerializer((payload) => stringify(payload));
  app.decorateRequest('userCtx', null as unknown as UserCtx);
  app.decorateRequest('authMethod', undefined);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('Cache-Control', 'must-revalidate');
    if (ctx.options.cors && applyCors(ctx.options.cors, req, reply)) return reply;
    const { user, method } = authenticate(req, ctx);
    req.userCtx = user;
    req.authMethod = method;
    const path = req.url.split('?')[0] ?? '/';
    if (
      ctx.options.requireValidUser &&
      user.name === null &&
      !ctx.adminParty &&
      !OPEN_PATHS.has(path)
    ) {
      throw new CouchError(401, 'unauthorized', 'Authentication required.');
    }
    return undefined;
  });
  app.setErrorHandler((err, req, reply) => {
    const { status } = sendCouchErrorStatus(err);
    if (status >= 500 && ctx.options.logger) req.log.error(err);
    return sendCouchError(reply, err);
  });
  app.setNotFoundHandler((_req, reply) =>
    sendCouchError(reply, new CouchError(404, 'not_found', 'missing')),
  );
  serverRoutes(app, ctx);
  dbRoutes(app, ctx);
  bulkRoutes(app, ctx);
  changesRoutes(app, ctx);
  queryRoutes(app, ctx);
  docRoutes(app, ctx);
}

function sendCouchErrorStatus(err: unknown): { status: number } {
  const status =
    (err as { status?: unknown; statusCode?: unknown }).status ??
    (err as { statusCode?: unknown }).statusCode;
  return { status: typeof status === 'number' ? status : 500 };
}
