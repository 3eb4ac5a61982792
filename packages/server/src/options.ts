import { checkServerOptions } from './options-check.js';
import type { DbConstructor } from './server-db.js';

/** The stores a server keeps its databases in. */
export const SERVER_ADAPTERS = ['leveldb', 'memory'] as const;

/** One of {@link SERVER_ADAPTERS}. */
export type ServerAdapter = (typeof SERVER_ADAPTERS)[number];

/** CORS settings (CouchDB's `[cors]` section). */
export interface CorsOptions {
  /** Allowed origins, or `'*'` for any. */
  origins: string[] | '*';
  /** Whether browsers may send cookies (`Access-Control-Allow-Credentials`). */
  credentials?: boolean;
}

/** A user the server knows (besides admins): name → password and roles. */
export interface UserEntry {
  password: string;
  roles?: string[];
}

/** Options of {@link createServer}; every field has a default (see {@link resolveOptions}). */
export interface ServerOptions {
  /** Directory of the LevelDB databases (default `./data`). */
  dataDir?: string;
  /** Storage adapter: `leveldb` (default) or `memory`. */
  adapter?: ServerAdapter;
  /** The database constructor (default `@satchel/node`); any Satchel preset works. */
  Satchel?: DbConstructor;
  /**
   * Server admins, name → password. With none, the server is in "admin party" (everyone is
   * admin), as CouchDB 1.x and pouchdb-server are out of the box; say so when listening.
   */
  admins?: Record<string, string>;
  /** Other users, name → password and roles. */
  users?: Record<string, UserEntry>;
  /** Refuse anonymous requests everywhere but `/`, `/_up` and `/_session` (default false). */
  requireValidUser?: boolean;
  /** CORS; off by default. */
  cors?: CorsOptions | false;
  /** Largest request body in bytes (default 64 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** Serve `POST /db/_temp_view` (default false: it runs arbitrary code per request). */
  tempViews?: boolean;
  /** Failed logins allowed per client address and name within `loginWindowMs` (default 5). */
  maxLoginFailures?: number;
  /** The window of {@link maxLoginFailures} in ms (default 60 000). */
  loginWindowMs?: number;
  /** Secret that signs session cookies (default: random per process). */
  secret?: string;
  /** Session lifetime in seconds (default 600, as CouchDB's `timeout`). */
  sessionTimeoutSec?: number;
  /**
   * Largest time a design function may run per call, and Mango matching with `$regex` per page
   * of documents (`_find`) or per change (`_changes?filter=_selector`), ms (default 1000).
   */
  sandboxTimeoutMs?: number;
  /** Log requests to stderr as JSON lines (default false). */
  logger?: boolean;
}

/** {@link ServerOptions} with every default applied. */
export type ResolvedOptions = Required<Omit<ServerOptions, 'Satchel' | 'cors'>> & {
  Satchel: DbConstructor | undefined;
  cors: CorsOptions | false;
};

/** The defaults, in one place. */
export const DEFAULTS = {
  dataDir: './data',
  adapter: 'leveldb',
  maxBodyBytes: 64 * 1024 * 1024,
  maxLoginFailures: 5,
  loginWindowMs: 60_000,
  sessionTimeoutSec: 600,
  sandboxTimeoutMs: 1000,
} as const;

/** Applies the defaults to `opts`, after checking their shape (a `TypeError` if it is wrong). */
export function resolveOptions(opts: ServerOptions, randomSecret: string): ResolvedOptions {
  checkServerOptions(opts, 'createServer options');
  return {
    dataDir: opts.dataDir ?? DEFAULTS.dataDir,
    adapter: opts.adapter ?? DEFAULTS.adapter,
    Satchel: opts.Satchel,
    admins: opts.admins ?? {},
    users: opts.users ?? {},
    requireValidUser: opts.requireValidUser ?? false,
    cors: opts.cors ?? false,
    maxBodyBytes: opts.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
    tempViews: opts.tempViews ?? false,
    maxLoginFailures: opts.maxLoginFailures ?? DEFAULTS.maxLoginFailures,
    loginWindowMs: opts.loginWindowMs ?? DEFAULTS.loginWindowMs,
    secret: opts.secret ?? randomSecret,
    sessionTimeoutSec: opts.sessionTimeoutSec ?? DEFAULTS.sessionTimeoutSec,
    sandboxTimeoutMs: opts.sandboxTimeoutMs ?? DEFAULTS.sandboxTimeoutMs,
    logger: opts.logger ?? false,
  };
}
