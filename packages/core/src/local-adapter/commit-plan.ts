import { isEngineConflict } from '../engine/engine-conflict.js';
import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { occasional } from '../occasional.js';
import { reloadState } from './reload.js';
import type { AdapterState, ConflictRetrySettings } from './state.js';
import { WritePlan } from './write-plan.js';

/**
 * Runs one logical write under the write lock: `build` fills a fresh plan from current state,
 * the plan is committed as one batch checked against the store version, and a refused commit
 * (another writer got there first) reloads the engine and builds again, so every check is
 * redone on fresh state. Refusals are retried with backoff until the retry timeout; then the
 * call fails with a 409 and nothing of it is applied.
 */
export function commitWrite<T>(
  state: AdapterState,
  build: (plan: WritePlan) => T | Promise<T>,
): Promise<{ result: T; plan: WritePlan }> {
  return state.lock.write(commitLocked<T, undefined>, state, build);
}

/**
 * {@link commitWrite} for a caller that already holds the write lock. A `build` that needs no
 * reads may answer synchronously: nothing is awaited then but the commit. `build` is called
 * with `arg` and the state, so a caller need not make a closure per write (see `RwLock`).
 */
export async function commitLocked<T, A = undefined>(
  state: AdapterState,
  build: (plan: WritePlan, arg: A, state: AdapterState) => T | Promise<T>,
  arg?: A,
): Promise<{ result: T; plan: WritePlan }> {
  const retry = state.settings.conflictRetry;
  const started = Date.now();
  for (let refusals = 0; ; refusals++) {
    const plan = new WritePlan(state.meta);
    const built = build(plan, arg as A, state);
    const result = isThenable(built) ? await built : built;
    if (plan.isEmpty()) return { result, plan };
    // Most writes touch no attachment: no async step for them. Those that do load the code that
    // settles references here, under the lock (calls keep their order), if it is not there yet.
    if (plan.hasAttachmentRefs()) {
      const code = occasional.loaded ?? (await occasional.load());
      await code.settleAttachmentRefs(state, plan);
    }
    try {
      state.version = await state.engine.commit(plan.toBatch(), state.version);
      state.meta = plan.meta;
      return { result, plan };
    } catch (err) {
      if (!isEngineConflict(err)) throw err;
      const pause = backoff(retry, refusals);
      if (Date.now() - started + pause > retry.timeout) throw gaveUp(refusals + 1, started);
      if (pause > 0) await sleep(pause);
      await reloadState(state);
    }
  }
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** No pause before the first retry (the reload alone usually settles it), then full jitter. */
function backoff(retry: ConflictRetrySettings, refusals: number): number {
  if (refusals === 0) return 0;
  const ceiling = Math.min(retry.maxDelay, retry.baseDelay * 2 ** (refusals - 1));
  return Math.random() * ceiling;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function gaveUp(refusals: number, started: number): Error {
  return createError(
    Errors.REV_CONFLICT,
    `the database kept being changed by another writer: this write was refused ${refusals} ` +
      `times in ${Date.now() - started} ms and was not applied`,
  );
}
