import { describe, expect, it } from 'vitest';
import { CookieJar } from '../src/cookie-jar.js';

/** Response headers carrying these `Set-Cookie` lines. */
function setCookies(...lines: string[]): Headers {
  const headers = new Headers();
  for (const line of lines) headers.append('Set-Cookie', line);
  return headers;
}

describe('cookie jar', () => {
  it('keeps cookies per host and sends those whose path matches', () => {
    const jar = new CookieJar();
    jar.store(
      'http://a.test:5984/db',
      setCookies('AuthSession=abc; Version=1; Path=/; HttpOnly', 'Scoped=1; Path=/db'),
    );
    expect(jar.header('http://a.test:5984/db/doc')).toBe('AuthSession=abc; Scoped=1');
    expect(jar.header('http://a.test:5984/other')).toBe('AuthSession=abc');
    expect(jar.header('http://b.test:5984/db')).toBeUndefined();
  });

  it('replaces a refreshed cookie and drops emptied or expired ones', () => {
    const jar = new CookieJar();
    jar.store('http://a.test/', setCookies('AuthSession=old; Path=/', 'Other=x'));
    jar.store('http://a.test/', setCookies('AuthSession=new; Path=/'));
    expect(jar.header('http://a.test/db')).toBe('AuthSession=new; Other=x');
    jar.store('http://a.test/', setCookies('AuthSession=; Path=/', 'Other=x; Max-Age=0'));
    expect(jar.header('http://a.test/db')).toBeUndefined();
    jar.store('http://a.test/', setCookies('Old=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT'));
    expect(jar.header('http://a.test/db')).toBeUndefined();
  });

  it('ignores malformed lines and forgets everything on clear()', () => {
    const jar = new CookieJar();
    jar.store('http://a.test/', setCookies('no-equals-sign', '=value', 'Ok=1; Max-Age=abc'));
    expect(jar.header('http://a.test/')).toBe('Ok=1');
    jar.clear();
    expect(jar.header('http://a.test/')).toBeUndefined();
  });
});
