import { LONGEST_TIMER_MS } from '@satchel/core';
import { Cancelled } from './cancelled.js';
import { isDenial } from './is-denial.js';
import type { NormalizedOptions } from './options.js';
import type { Replication } from './replication.js';
import { ReplicationSession } from './replication-session.js';
import type { ReplicationDb, ReplicationResult } from './types.js';

export { forwardSyncEvents } from './sync-events.js';

/** PouchDB attaches the attempt's result to the error it reports. */
function withResult(err: unknown, result: ReplicationResult): unknown {
  const e = err instanceof Error ? err : new Error(String(err));
  try {
    (e as Error & { result?: ReplicationResult }).result = result;
  } catch {
    // A frozen error is reported as it is.
  }
  return e;
}

/**
 * The next retry delay from the caller's `back_off_function`: what is no delay (NaN, negative,
 * not a number) retries at once, and a delay past what a timer can wait (Infinity) waits the
 * longest a timer can, rather than overflowing into a 1 ms busy loop.
 */
function nextDelay(opts: NormalizedOptions, previous: number): number {
  const ms = Number(opts.backOff(previous));
  if (Number.isNaN(ms) || ms < 0) return 0;
  return Math.min(ms, LONGEST_TIMER_MS);
}

/** Waits `ms`, or less if the replication is cancelled meanwhile; no timer outlives it. */
function sleep(rep: Replication, ms: number): Promise<void> {
  // `back_off_function` may cancel the replication itself (PouchDB #5402): no wait then.
  if (rep.cancelled) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const stop = rep.onCancel(done);
    function done(): void {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}

/**
 * How long a cancelled attempt may take to stop at its next step before the replication ends
 * without it: a request to a server that never answers must not hold `cancel()` forever.
 */
export const CANCEL_GRACE_MS = 500;

/**
 * Settles with the attempt's outcome, or once the replication was cancelled and the attempt
 * did not stop within {@link CANCEL_GRACE_MS} (then with `undefined`). The abandoned attempt
 * still stops at its next step: every step checks for cancellation, checkpoints included.
 */
function attemptOrCancel(
  rep: Replication,
  attempt: Promise<ReplicationResult>,
): Promise<ReplicationResult | undefined> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = rep.onCancel(() => {
      timer = setTimeout(() => resolve(undefined), CANCEL_GRACE_MS);
    });
    const done = (): void => {
      stop();
      clearTimeout(timer);
    };
    attempt.then(
      (result) => {
        done();
        resolve(result);
      },
      (err: unknown) => {
        done();
        reject(err);
      },
    );
  });
}

/** How a replication ended: its final result, or the error that ended it. */
export type Outcome = { ok: true; result: ReplicationResult } | { ok: false; error: unknown };

/**
 * Drives a replication: runs attempts until one completes, is cancelled, or fails for good.
 * With `retry`, a failed attempt emits `requestError` and `paused(err)`, waits
 * `back_off_function(previous delay)` ms, and starts again from where it got to.
 * The caller reports the outcome (after closing what it opened), and cancels `rep` when either
 * database is destroyed.
 * @param sessionId - core's `replicationSessionId`, passed in rather than imported: this code is
 *   loaded on first use, and a file of core it shared with the page would be split into a chunk
 *   of its own that the page loads too.
 */
export async function runReplication(
  src: ReplicationDb,
  target: ReplicationDb,
  opts: NormalizedOptions,
  rep: Replication,
  sessionId: () => string,
): Promise<Outcome> {
  let resumeSeq: number | string | undefined;
  for (;;) {
    const session = new ReplicationSession({ src, target, opts, rep, resumeSeq, sessionId });
    let failure: unknown;
    try {
      const result = await attemptOrCancel(rep, session.run());
      if (result) return { ok: true, result };
      session.abandon();
      return cancelled(session.result);
    } catch (err) {
      failure = err;
    }
    resumeSeq = session.resumeSeq;
    if (rep.cancelled || failure instanceof Cancelled) return cancelled(session.result);
    const error = withResult(failure, session.result);
    if (!opts.retry || isDenial(failure) || isClosed(src) || isClosed(target)) {
      return { ok: false, error };
    }
    rep.emit('requestError', error);
    if (rep.state === 'active' || rep.state === 'pending') rep.markPaused(error);
    try {
      rep.backOffDelay = nextDelay(opts, rep.backOffDelay);
    } catch (err) {
      // The caller's function failed: that ends the replication, reported like any failure.
      return { ok: false, error: withResult(err, session.result) };
    }
    await sleep(rep, rep.backOffDelay);
    if (rep.cancelled) return cancelled(session.result);
  }
}

/**
 * A database closed (or destroyed) by its owner: it never comes back, so retrying would only
 * fail again, forever and unseen. Satchel and PouchDB instances both have these flags.
 */
function isClosed(db: ReplicationDb): boolean {
  return db._closed === true || db._destroyed === true;
}

function cancelled(result: ReplicationResult): Outcome {
  return {
    ok: true,
    result: { ...result, status: 'cancelled', end_time: new Date().toISOString() },
  };
}
