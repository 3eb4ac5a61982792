/**
 * `@satchel/server`: CouchDB 3.x's HTTP API over Satchel databases, embeddable or standalone.
 *
 * @packageDocumentation
 */
export type { UserCtx } from './auth/user-context.js';
export { createServer, type SatchelServer } from './create-server.js';
export type { SecurityObject } from './databases.js';
export type { CorsOptions, ServerOptions, UserEntry } from './options.js';
export type { DbConstructor } from './server-db.js';
