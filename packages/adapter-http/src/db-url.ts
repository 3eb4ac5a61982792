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

/**
 * Splits a database URL into its credential-free URL and a basic-auth header. Credentials in
 * `opts.auth` win over those in the URL, as in PouchDB.
 * @param name - the database URL, e.g. `http://user:pass@host:5984/db`.
 * @param auth - `opts.auth`, when given.
 */
export function parseDbUrl(name: string, auth: BasicAuth | undefined): DbLocation {
  const url = new URL(name);
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
