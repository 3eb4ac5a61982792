import { type Callback, onFirstUse, replicationSessionId } from '@satchel/core';
import { cancelOnDestroy } from './cancel-on-destroy.js';
import type { NormalizedOptions } from './options.js';
import { Replication } from './replication.js';
import type { Outcome } from './run-replication.js';
import type { ReplicationDb, ReplicationResult } from './types.js';

/**
 * The protocol (sessions, checkpoints, batches, the live follower) is loaded on the first
 * replication with `import()`, so that bundlers splitting chunks keep it out of what every page
 * loads. The replication object is returned at once all the same: it only reports through
 * events and its promise, which come later anyway.
 */
export const runner = onFirstUse(() => import('./run-replication.js'));

/**
 * Completes or fails `rep` with the outcome. A `complete` or `error` listener that throws is
 * logged, as the changes feed logs a throwing `change` listener: the replication has settled
 * all the same, and nobody could catch the error here (it would be an unhandled rejection).
 */
export function report(rep: Replication, outcome: Outcome): void {
  try {
    if (outcome.ok) rep.complete(outcome.result);
    else rep.fail(outcome.error);
  } catch (err) {
    console.error(`Error in .on("${outcome.ok ? 'complete' : 'error'}", function):`, err);
  }
}

/** Runs the replication, loading its code first if need be (failing to load fails it). */
function run(
  src: ReplicationDb,
  target: ReplicationDb,
  opts: NormalizedOptions,
  rep: Replication,
): Promise<Outcome> {
  if (runner.loaded)
    return runner.loaded.runReplication(src, target, opts, rep, replicationSessionId);
  return runner.load().then(
    (code) => code.runReplication(src, target, opts, rep, replicationSessionId),
    (error: unknown): Outcome => ({ ok: false, error }),
  );
}

/**
 * Starts a replication between two open databases.
 * @param beforeEnd - runs after the replication stopped and before it reports its end.
 */
export function startReplication(
  src: ReplicationDb,
  target: ReplicationDb,
  opts: NormalizedOptions,
  callback?: Callback<ReplicationResult>,
  beforeEnd: () => Promise<void> = async () => undefined,
): Replication {
  const rep = new Replication(callback);
  const stopWatching = cancelOnDestroy(src, target, rep);
  void run(src, target, opts, rep).then(async (outcome) => {
    stopWatching();
    await beforeEnd();
    report(rep, outcome);
  });
  return rep;
}
