/**
 * A Drive API request that failed for good: after retries for transient failures, or at once
 * for an answer that retrying cannot change (404, 400, a 403 that is not a rate limit).
 * `status` is the HTTP status (0 when no answer came), `reason` Drive's own reason when it
 * gave one (e.g. `notFound`, `storageQuotaExceeded`).
 */
export class DriveError extends Error {
  override readonly name = 'DriveError';

  constructor(
    message: string,
    readonly status: number,
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** Drive's error body: `{"error": {"code", "message", "errors": [{"reason"}]}}`. */
export function driveReason(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const errors = (error as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return undefined;
  const first = errors[0] as { reason?: unknown } | undefined;
  return typeof first?.reason === 'string' ? first.reason : undefined;
}

/** Reasons Drive gives with a 403 that mean "slow down", not "forbidden". */
const RATE_LIMIT_REASONS = new Set(['userRateLimitExceeded', 'rateLimitExceeded']);

/**
 * Whether a failed answer is worth retrying after a pause: rate limits (403 with a rate-limit
 * reason, 429), server errors (5xx) and request timeouts (408).
 */
export function isTransientStatus(status: number, reason: string | undefined): boolean {
  if (status === 429 || status === 408 || status >= 500) return true;
  return status === 403 && reason !== undefined && RATE_LIMIT_REASONS.has(reason);
}
