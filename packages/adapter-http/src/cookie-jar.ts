/** One stored cookie. */
interface StoredCookie {
  value: string;
  path: string;
  /** Epoch ms after which the cookie is gone; `undefined` for a session cookie. */
  expires: number | undefined;
}

/**
 * Cookies by host, as a browser keeps them for `credentials: 'include'` and as PouchDB 9 keeps
 * them on Node (its fetch is wrapped in fetch-cookie): a CouchDB session cookie set by
 * `POST /_session` is sent with every later request to that host, by every database handle,
 * and refreshed when the server sends a new one. Only the default `fetch` uses it: a custom
 * `fetch` handles its own cookies, as in PouchDB.
 */
export class CookieJar {
  private readonly byHost = new Map<string, Map<string, StoredCookie>>();

  /** Stores the `Set-Cookie` headers of a response to `url`. */
  store(url: string, headers: Headers): void {
    const lines = headers.getSetCookie?.() ?? [];
    if (lines.length === 0) return;
    const { hostname } = new URL(url);
    let cookies = this.byHost.get(hostname);
    if (!cookies) {
      cookies = new Map();
      this.byHost.set(hostname, cookies);
    }
    for (const line of lines) applySetCookie(cookies, line, Date.now());
  }

  /** The `Cookie` header for a request to `url`, or `undefined` when no cookie applies. */
  header(url: string): string | undefined {
    const { hostname, pathname } = new URL(url);
    const cookies = this.byHost.get(hostname);
    if (!cookies) return undefined;
    const now = Date.now();
    const pairs: string[] = [];
    for (const [name, cookie] of cookies) {
      if (cookie.expires !== undefined && cookie.expires <= now) cookies.delete(name);
      else if (pathname.startsWith(cookie.path)) pairs.push(`${name}=${cookie.value}`);
    }
    return pairs.length > 0 ? pairs.join('; ') : undefined;
  }

  /** Forgets every cookie. */
  clear(): void {
    this.byHost.clear();
  }
}

/**
 * Applies one `Set-Cookie` line: an empty value or an expiry in the past deletes the cookie
 * (how CouchDB's `DELETE /_session` logs out).
 */
function applySetCookie(cookies: Map<string, StoredCookie>, line: string, now: number): void {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return;
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  let path = '/';
  let expires: number | undefined;
  for (const attribute of attributes) {
    const [key = '', val = ''] = attribute.split('=').map((part) => part.trim());
    const lower = key.toLowerCase();
    if (lower === 'path' && val.startsWith('/')) path = val;
    else if (lower === 'max-age' && /^-?\d+$/.test(val)) expires = now + Number(val) * 1000;
    else if (lower === 'expires' && expires === undefined) {
      const at = Date.parse(val);
      if (!Number.isNaN(at)) expires = at;
    }
  }
  if (value === '' || (expires !== undefined && expires <= now)) cookies.delete(name);
  else cookies.set(name, { value, path, expires });
}

/** The jar every database handle using the default `fetch` shares (PouchDB's is global too). */
export const sharedCookieJar = new CookieJar();
