import type { Callback } from '@satchel/core';
import type { NormalizedOptions } from './options.js';
import { Replication } from './replication.js';
import { type Outcome, runReplication } from './run-replication.js';
import type { ReplicationDb, ReplicationResult } from './types.js';

/** Completes or fails `rep` with the outcome. */
export function report(rep: Replication, outcome: Outcome): void {
  if (outcome.ok) rep.complete(outcome.result);
  else rep.fail(outcome.error);
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
  void runReplication(src, target, opts, rep).then(async (outcome) => {
    await beforeEnd();
    report(rep, outcome);
  });
  return rep;
}
