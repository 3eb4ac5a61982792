import { encodeBase64 } from '@satchel/core';

/** Where a database lives and how to authenticate to it. */
export interface DbLocation {
  /** The database URL without credentials and without a trailing slash. */
  url: string;
  /** The `Authorization` header value for basic auth, when credentials were given. */
  authorization: string | undefined;
}

/** Basic credentials, as PouchDB's `opts.auth` takes them. */
export interface BasicAuth {
  username: string;
  password: string;
}

/** `Basic base64(user:pass)`, the header PouchDB sends. */
function basicHeader(auth: BasicAuth): string {
  return `Basic ${encodeBase64(new TextEncoder().encode(`${auth.username}:${auth.password}`))}`;
}

/** Whether the `prefix` option is itself a server URL (PouchDB #5574). */
function isUrlPrefix(prefix: unknown): prefix is string {
  if (typeof prefix !== 'string' || !prefix) return false;
  try {
    return /^https?:$/.test(new URL(prefix).protocol);
  } catch {
    return false;
  }
}

/**
 * The URL a name stands for. Under a URL `prefix` the rest of the name is one database name,
 * placed after the prefix's path (with or without its trailing `/`, as PouchDB does).
 */
function joinPrefix(name: string, prefix: unknown): string {
  if (!isUrlPrefix(prefix)) return name;
  return prefix.replace(/\/?$/, '/') + encodeURIComponent(name.slice(prefix.length));
}

/**
 * The database segment (the last one of the path) percent-encoded, unless it already is:
 * CouchDB reads a raw `+` in a path as a space, so `a+b` must travel as `a%2Bb`.
 */
function encodeDbSegment(url: URL): void {
  const segments = url.pathname.replace(/^\/|\/$/g, '').split('/');
  const db = segments.pop() ?? '';
  segments.push(db.includes('%') ? db : encodeURIComponent(db));
  url.pathname = `/${segments.join('/')}`;
}

/**
 * Splits a database URL into its credential-free URL and a basic-auth header. Credentials in
 * `opts.auth` win over those in the URL, as in PouchDB.
 * @param name - the database URL, e.g. `http://user:pass@host:5984/db`.
 * @param auth - `opts.auth`, when given.
 * @param prefix - the `prefix` option: when it is a URL, `name` is that URL plus a db name.
 */
export function parseDbUrl(
  name: string,
  auth: BasicAuth | undefined,
  prefix?: unknown,
): DbLocation {
  const url = new URL(joinPrefix(name, prefix));
  encodeDbSegment(url);
  const fromUrl =
    url.username || url.password
      ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
      : undefined;
  url.username = '';
  url.password = '';
  const creds = auth ?? fromUrl;
  return {
    url: url.toString().replace(/\/+$/, ''),
    authorization: creds ? basicHeader(creds) : undefined,
  };
}
