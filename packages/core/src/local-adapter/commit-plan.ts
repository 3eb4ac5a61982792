import { isEngineConflict } from '../engine/engine-conflict.js';
import { occasional } from '../occasional.js';
import type { AdapterState } from './state.js';
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
      // Another writer moved the store (another tab): the pause and reload before the next
      // attempt come with the code loaded on first use, which a page writing alone never needs.
      const code = occasional.loaded ?? (await occasional.load());
      await code.afterRefusal(state, refusals, started);
    }
  }
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
