import { CouchError } from '../couch-error.js';
import type { SecurityObject } from '../databases.js';
import { isServerAdmin, type UserCtx } from './user-context.js';

type Section = { names?: string[]; roles?: string[] } | undefined;

const inSection = (ctx: UserCtx, section: Section): boolean =>
  (ctx.name !== null && (section?.names ?? []).includes(ctx.name)) ||
  (section?.roles ?? []).some((role) => ctx.roles.includes(role));

const isEmpty = (section: Section): boolean =>
  (section?.names ?? []).length === 0 && (section?.roles ?? []).length === 0;

/** Whether `ctx` administers a database with this `_security`. */
export function isDbAdmin(ctx: UserCtx, security: SecurityObject | undefined): boolean {
  return isServerAdmin(ctx) || inSection(ctx, security?.admins);
}

/**
 * Checks read/write access as CouchDB does: a database without members is public; otherwise
 * only its members and admins get in. Anonymous → 401, a known user who is not a member → 403.
 */
export function requireMember(ctx: UserCtx, security: SecurityObject | undefined): void {
  if (isDbAdmin(ctx, security) || isEmpty(security?.members) || inSection(ctx, security?.members)) {
    return;
  }
  if (ctx.name === null) {
    throw new CouchError(401, 'unauthorized', 'You are not authorized to access this db.');
  }
  throw new CouchError(403, 'forbidden', 'You are not allowed to access this db.');
}

/** Checks that `ctx` administers the database (`_security`, design docs, maintenance). */
export function requireDbAdmin(ctx: UserCtx, security: SecurityObject | undefined): void {
  if (!isDbAdmin(ctx, security)) {
    throw new CouchError(401, 'unauthorized', 'You are not a db or server admin.');
  }
}

/** Checks that `ctx` is a server admin. */
export function requireServerAdmin(ctx: UserCtx): void {
  if (!isServerAdmin(ctx)) {
    throw new CouchError(401, 'unauthorized', 'You are not a server admin.');
  }
}
