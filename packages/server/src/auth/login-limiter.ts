import { CouchError } from '../couch-error.js';

/**
 * Counts failed logins per client address and user name within a window; once the count is
 * reached, further attempts are refused with 429 until the window ends, whether the password
 * is right or not (so guessing cannot go on at network speed).
 */
export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** @throws CouchError 429 while `key` is locked out. */
  check(key: string, now = Date.now()): void {
    const entry = this.failures.get(key);
    if (!entry) return;
    if (entry.until <= now) {
      this.failures.delete(key);
      return;
    }
    if (entry.count >= this.max) {
      throw new CouchError(
        429,
        'too_many_requests',
        'Too many failed login attempts; try again later.',
      );
    }
  }

  /** Records a failure for `key`. */
  fail(key: string, now = Date.now()): void {
    const entry = this.failures.get(key);
    if (entry && entry.until > now) entry.count += 1;
    else this.failures.set(key, { count: 1, until: now + this.windowMs });
    if (this.failures.size > 10_000) this.sweep(now);
  }

  /** Forgets `key` after a successful login. */
  succeed(key: string): void {
    this.failures.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.failures) if (entry.until <= now) this.failures.delete(key);
  }
}
