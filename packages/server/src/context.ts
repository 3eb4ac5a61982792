import type { LoginLimiter } from './auth/login-limiter.js';
import type { SessionCookies } from './auth/session-cookie.js';
import type { Databases } from './databases.js';
import type { ResolvedOptions } from './options.js';
import type { Replications } from './replications.js';
import type { DbConstructor } from './server-db.js';
import type { Validators } from './validation.js';

/** Everything routes share: options, the databases, sessions and running replications. */
export interface ServerContext {
  options: ResolvedOptions;
  Satchel: DbConstructor;
  databases: Databases;
  cookies: SessionCookies;
  limiter: LoginLimiter;
  replications: Replications;
  /** True when no admin is configured: everyone is admin. */
  adminParty: boolean;
  /** Compiled `validate_doc_update` functions per database. */
  validators: Validators;
  /** This server's uuid, stable for its lifetime. */
  uuid: string;
}
