import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signs and checks `AuthSession` cookies: `base64url(name:expiryHex:hmac)`, no server state. */
export class SessionCookies {
  constructor(
    private readonly secret: string,
    private readonly timeoutSec: number,
  ) {}

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('hex');
  }

  /** A fresh cookie value for `name`. */
  issue(name: string, now = Date.now()): string {
    const payload = `${name}:${Math.floor(now / 1000 + this.timeoutSec).toString(16)}`;
    return Buffer.from(`${payload}:${this.mac(payload)}`).toString('base64url');
  }

  /** The user name a valid, unexpired cookie carries. */
  verify(value: string, now = Date.now()): string | undefined {
    const text = Buffer.from(value, 'base64url').toString();
    const cut = text.lastIndexOf(':');
    if (cut < 0) return undefined;
    const payload = text.slice(0, cut);
    const given = Buffer.from(text.slice(cut + 1));
    const wanted = Buffer.from(this.mac(payload));
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return undefined;
    const sep = payload.lastIndexOf(':');
    const expires = Number.parseInt(payload.slice(sep + 1), 16);
    if (!(expires * 1000 > now)) return undefined;
    return payload.slice(0, sep);
  }

  /** The `Set-Cookie` header for `value` (empty value: log out). */
  header(value: string): string {
    const age = value ? `; Max-Age=${this.timeoutSec}` : '; Max-Age=0';
    return `AuthSession=${value}; Version=1; Path=/; HttpOnly; SameSite=Lax${age}`;
  }
}

/** The `AuthSession` value in a `Cookie` header. */
export function sessionCookieOf(header: string | undefined): string | undefined {
  const match = /(?:^|;\s*)AuthSession=([^;]*)/.exec(header ?? '');
  return match?.[1] || undefined;
}
