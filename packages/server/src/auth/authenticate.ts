import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { CouchError } from '../couch-error.js';
import { checkPassword, rolesOf } from './credentials.js';
import { sessionCookieOf } from './session-cookie.js';
import { ANONYMOUS, type UserCtx } from './user-context.js';

/** The rate limiter's key: one counter per client address and user name. */
export const loginKey = (req: FastifyRequest, name: string): string => `${req.ip}\u0000${name}`;

/** Decodes `Authorization: Basic …`. */
function basicCredentials(
  header: string | undefined,
): { name: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const text = Buffer.from(match[1], 'base64').toString();
  const cut = text.indexOf(':');
  if (cut < 0) return undefined;
  return { name: text.slice(0, cut), password: text.slice(cut + 1) };
}

/** What the request authenticated with, for `/_session`'s `info.authenticated`. */
export type AuthMethod = 'default' | 'cookie' | undefined;

/**
 * Who sent `req`: basic credentials (wrong ones are a 401, and count as a failed login), a
 * valid session cookie, or nobody. In admin party everyone is admin.
 */
export function authenticate(
  req: FastifyRequest,
  ctx: ServerContext,
): { user: UserCtx; method: AuthMethod } {
  const creds = ctx.options;
  const basic = basicCredentials(req.headers.authorization);
  if (basic) {
    const key = loginKey(req, basic.name);
    ctx.limiter.check(key);
    const user = checkPassword(creds, basic.name, basic.password);
    if (!user) {
      ctx.limiter.fail(key);
      throw new CouchError(401, 'unauthorized', 'Name or password is incorrect.');
    }
    ctx.limiter.succeed(key);
    return { user: withParty(user, ctx), method: 'default' };
  }
  const cookie = sessionCookieOf(req.headers.cookie);
  const name = cookie ? ctx.cookies.verify(cookie) : undefined;
  const roles = name === undefined ? undefined : rolesOf(creds, name);
  if (name !== undefined && roles)
    return { user: withParty({ name, roles }, ctx), method: 'cookie' };
  return { user: withParty(ANONYMOUS, ctx), method: undefined };
}

function withParty(user: UserCtx, ctx: ServerContext): UserCtx {
  if (!ctx.adminParty || user.roles.includes('_admin')) return user;
  return { name: user.name, roles: [...user.roles, '_admin'] };
}
