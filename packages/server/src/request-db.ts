import type { FastifyRequest } from 'fastify';
import { requireDbAdmin, requireMember } from './auth/db-access.js';
import type { ServerContext } from './context.js';
import type { DbRecord } from './databases.js';
import { checkDbName } from './db-name.js';
import type { ServerDb } from './server-db.js';

/** Who may use a route: any member of the database, or only its admins. */
export type Access = 'member' | 'admin';

/** A database a request is allowed to use. */
export interface RequestDb {
  name: string;
  db: ServerDb;
  record: DbRecord;
}

/**
 * The database named in the request's `:db`, after checking the name, that it exists, and that
 * the user may use it at `access` level. Every database route gets its database only from here,
 * so `_security` is enforced on all of them.
 */
export async function requestDb(
  req: FastifyRequest,
  ctx: ServerContext,
  access: Access = 'member',
): Promise<RequestDb> {
  const name = (req.params as { db: string }).db;
  checkDbName(name);
  const record = await ctx.databases.record(name);
  if (access === 'admin') requireDbAdmin(req.userCtx, record.security);
  else requireMember(req.userCtx, record.security);
  return { name, db: await ctx.databases.get(name), record };
}

/** Design documents are written by database admins only, as in CouchDB. */
export function checkDocWrite(req: FastifyRequest, target: RequestDb, id: unknown): void {
  if (typeof id === 'string' && id.startsWith('_design/')) {
    requireDbAdmin(req.userCtx, target.record.security);
  }
}
