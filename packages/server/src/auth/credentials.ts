import { timingSafeEqual } from 'node:crypto';
import type { UserEntry } from '../options.js';
import type { UserCtx } from './user-context.js';

/** Who can log in: the configured admins and users. */
export interface Credentials {
  admins: Record<string, string>;
  users: Record<string, UserEntry>;
}

/** Compares two secrets in time independent of where they differ. */
function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The user context for `name`/`password`, or `undefined` when they do not match. */
export function checkPassword(
  creds: Credentials,
  name: string,
  password: string,
): UserCtx | undefined {
  const admin = Object.hasOwn(creds.admins, name) ? creds.admins[name] : undefined;
  if (admin !== undefined)
    return sameSecret(admin, password) ? { name, roles: ['_admin'] } : undefined;
  const user = Object.hasOwn(creds.users, name) ? creds.users[name] : undefined;
  if (user && sameSecret(user.password, password)) return { name, roles: [...(user.roles ?? [])] };
  return undefined;
}

/** The roles `name` has now, or `undefined` when the user no longer exists. */
export function rolesOf(creds: Credentials, name: string): string[] | undefined {
  if (Object.hasOwn(creds.admins, name)) return ['_admin'];
  if (Object.hasOwn(creds.users, name)) return [...(creds.users[name]?.roles ?? [])];
  return undefined;
}
