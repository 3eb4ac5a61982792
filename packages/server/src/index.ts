/**
 * `@satchel/server`: CouchDB 3.x's HTTP API over Satchel databases, embeddable or standalone.
 *
 * @packageDocumentation
 */
export type { UserCtx } from './auth/user-context.js';
export { loadConfig } from './config.js';
export { createServer, type SatchelServer } from './create-server.js';
export type { SecurityObject } from './databases.js';
export { Databases } from './databases.js';
export { localDatabases } from './local-databases.js';
export {
  type CorsOptions,
  DEFAULTS as serverDefaults,
  SERVER_ADAPTERS,
  type ServerAdapter,
  type ServerOptions,
  type UserEntry,
} from './options.js';
export type { DbConstructor, LiveFeed, ReplicationLike, ServerDb } from './server-db.js';
