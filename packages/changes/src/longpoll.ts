import type { AdapterChangesOptions } from '@satchel/core';
import type { LiveState } from './changes-feed.js';
import type { ReadContext, readChanges } from './read-changes.js';
import type { ChangesOptions } from './types.js';

/** PouchDB's heartbeat for live feeds on a remote database when none is given (ms). */
export const DEFAULT_HEARTBEAT = 10_000;

/** Wait between reconnection attempts after a failed long-poll: `min` doubling to `max` ms. */
export interface RetryDelays {
  min: number;
  max: number;
}

/** Quick first retry (a dropped connection is usually back at once), 10 s at most. */
export const DEFAULT_RETRY_DELAYS: RetryDelays = { min: 100, max: 10_000 };

/**
 * The long-poll part of a remote live feed's requests, as PouchDB's http adapter sends it:
 * `heartbeat` defaults to 10 s and `false` turns it off; `timeout` is passed when set.
 */
export function longpollOptions<T extends object>(
  opts: ChangesOptions<T>,
  signal: AbortSignal,
): Partial<AdapterChangesOptions> {
  const heartbeat = 'heartbeat' in opts ? opts.heartbeat : DEFAULT_HEARTBEAT;
  const out: Partial<AdapterChangesOptions> = { feed: 'longpoll', signal };
  if (heartbeat) out.heartbeat = heartbeat;
  if (typeof opts.timeout === 'number' && opts.timeout > 0) out.timeout = opts.timeout;
  return out;
}

/**
 * Whether a failed long-poll is worth retrying: network failures, timeouts and unreadable
 * bodies (the http adapter reports them as 500 `unknown_error`) and 5xx answers are; a 4xx (unauthorized, forbidden, missing database or design doc, a bad filter) would
 * fail the same way again, so it ends the feed.
 */
export function isTransient(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 500;
}

/** The delay before retry number `failures` (1-based). */
export function retryDelay(failures: number, delays: RetryDelays = DEFAULT_RETRY_DELAYS): number {
  return Math.min(delays.min * 2 ** (failures - 1), delays.max);
}

/** Resolves after `ms`, or at once when `signal` aborts; no timer is left behind. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/**
 * The loop of a live feed on a remote database: one long-poll per round, each starting after
 * the last change emitted (`live.since`), until the feed is cancelled. Transient failures are
 * retried after {@link retryDelay}; any other error rejects. `read` is the feed's own reader,
 * passed in rather than imported: this file is loaded on first use, and importing a file of the
 * page's would split that file into a chunk of its own that the page loads too.
 */
export async function longpoll(
  read: typeof readChanges,
  ctx: ReadContext,
  live: LiveState,
  extra: Partial<AdapterChangesOptions>,
  signal: AbortSignal,
): Promise<void> {
  const emit = ctx.onChange;
  ctx.onChange = (change) => {
    emit(change);
    // seq_interval leaves most rows without a seq: those cannot be resumed from.
    if (change.seq !== null && change.seq !== undefined) live.since = change.seq;
  };
  let failures = 0;
  while (!ctx.isCancelled()) {
    const bounds = { since: live.since, limit: undefined, descending: false, returnDocs: false };
    try {
      const res = await read(ctx, { ...bounds, extra });
      if (!res) return;
      live.since = res.last_seq;
      failures = 0;
    } catch (err) {
      if (ctx.isCancelled()) return;
      if (!isTransient(err)) throw err;
      failures += 1;
      await sleep(retryDelay(failures), signal);
    }
  }
}
