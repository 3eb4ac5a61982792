import { createServer, type RequestListener, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';

const require = createRequire(import.meta.url);

/** A running CouchDB-compatible server. */
export interface CouchServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Stops the server: closes the listener and destroys every open socket. */
  stop(): Promise<void>;
}

/** The few members of the PouchDB constructor this module touches. */
interface PouchCtor {
  plugin(plugin: unknown): PouchCtor;
  defaults(opts: Record<string, unknown>): PouchCtor;
}

type Handler = (req: unknown, res: { json(body: unknown): void }) => void;
type Middleware = (req: ChangesRequest, res: unknown, next: () => void) => void;
type ExpressApp = RequestListener & {
  use(path: string, handler: unknown): void;
  get(path: string, handler: Handler): void;
  post(path: string, ...handlers: Middleware[]): void;
};
type Express = (() => ExpressApp) & { json(): Middleware };

/** What {@link selectorInQuery} touches of a request. */
interface ChangesRequest {
  body?: { selector?: unknown };
  query: Record<string, unknown>;
}

/**
 * CouchDB takes `POST /db/_changes?filter=_selector` with `{"selector": …}` in the body;
 * express-pouchdb only reads `doc_ids` from the body. Handing the selector over as a query
 * parameter (which it JSON-parses and passes to `changes`) closes that gap.
 */
const selectorInQuery: Middleware = (req, _res, next) => {
  if (req.body?.selector !== undefined) req.query.selector = JSON.stringify(req.body.selector);
  next();
};

/** CouchDB's welcome, which express-pouchdb lacks (it answers `{"express-pouchdb": …}`). */
const WELCOME = {
  couchdb: 'Welcome',
  'express-pouchdb': 'Welcome!',
  vendor: { name: 'express-pouchdb over pouchdb@9 (memory)' },
};

/** Servers started by this process so far: each gets its own storage namespace. */
let serversStarted = 0;

/**
 * A PouchDB constructor of this server's own. express-pouchdb listens to the constructor's
 * `created`/`destroyed` events to keep its list of databases, so servers sharing one
 * constructor would each list (and race over) the other's databases: a fresh copy of the
 * module gives a fresh constructor and emitter.
 */
function freshPouchDB(): PouchCtor {
  const path = require.resolve('pouchdb');
  delete require.cache[path];
  const PouchDB = require(path) as PouchCtor;
  PouchDB.plugin(require('pouchdb-adapter-memory'));
  return PouchDB;
}

/**
 * Builds the express app: express-pouchdb over pouchdb@9 kept in memory. pouchdb's memory
 * adapter keeps one process-wide store keyed by name, so each server's databases (its
 * `_users`, `_replicator` and db list included) also get a prefix of their own.
 */
function buildApp(): ExpressApp {
  const PouchDB = freshPouchDB();
  serversStarted += 1;
  const MemoryPouch = PouchDB.defaults({ adapter: 'memory', prefix: `couch-${serversStarted}/` });
  const express = require('express') as Express;
  const expressPouchDB = require('express-pouchdb') as (
    ctor: PouchCtor,
    opts: Record<string, unknown>,
  ) => unknown;
  const app = express();
  app.get('/', (_req, res) => res.json(WELCOME));
  app.post('/:db/_changes', express.json(), selectorInQuery);
  // `routes/find` adds CouchDB's Mango endpoints (`_index`, `_find`, `_explain`).
  const overrideMode = { include: ['routes/find'] };
  app.use(
    '/',
    expressPouchDB(MemoryPouch, { mode: 'minimumForPouchDB', overrideMode, inMemoryConfig: true }),
  );
  return app;
}

/** Listens on 127.0.0.1 on a free port; resolves the bound port. */
function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Closes `server` after destroying every socket it still holds. */
function closeAll(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
  });
}

/**
 * Starts a CouchDB-compatible server (express-pouchdb over pouchdb@9's memory adapter) on
 * 127.0.0.1 on a free port. Every server has its own empty in-memory databases.
 * @returns the server's base URL and a `stop` that closes it and all its connections.
 */
export async function startCouchServer(): Promise<CouchServer> {
  const server = createServer(buildApp());
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      stopped ??= closeAll(server, sockets);
      return stopped;
    },
  };
}
