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
      return { ok: true, result: await session.run() };
    } catch (err) {
      failure = err;
    }
    resumeSeq = session.resumeSeq;
    if (rep.cancelled || failure instanceof Cancelled) return cancelled(session.result);
    const error = withResult(failure, session.result);
    if (!opts.retry || isDenial(failure)) return { ok: false, error };
    rep.emit('requestError', error);
    if (rep.state === 'active' || rep.state === 'pending') rep.markPaused(error);
    rep.backOffDelay = opts.backOff(rep.backOffDelay);
    await sleep(rep, rep.backOffDelay);
    if (rep.cancelled) return cancelled(session.result);
  }
}

function cancelled(result: ReplicationResult): Outcome {
  return {
    ok: true,
    result: { ...result, status: 'cancelled', end_time: new Date().toISOString() },
  };
}
