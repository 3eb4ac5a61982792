/** How transient Drive failures are retried: truncated exponential backoff with full jitter. */
export interface BackoffOptions {
  /** Attempts in all, the first included (default 8). */
  maxAttempts: number;
  /** Ceiling of the first wait, in ms (default 250). */
  baseDelayMs: number;
  /** No wait is longer than this, in ms (default 16000, as Google's guidance suggests). */
  maxDelayMs: number;
}

/** The defaults, in one place. */
export const backoffDefaults: BackoffOptions = {
  maxAttempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 16_000,
};

/**
 * The wait before retry number `attempt` (1 for the first retry): a random time up to
 * `base * 2^(attempt-1)`, capped at `maxDelayMs`. Full jitter spreads writers that failed
 * together, so they do not collide again on the next round.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.random() * ceiling;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
