import { EngineConflictError } from '../engine/engine.js';
import { settleAttachmentRefs } from './attachment-refs.js';
import type { AdapterState } from './state.js';
import { WritePlan } from './write-plan.js';

/** How often a refused commit is redone on fresh state before giving up. */
const MAX_ATTEMPTS = 20;

/**
 * Runs one logical write under the write lock: `build` fills a fresh plan from current state,
 * the plan is committed as one batch, and a refused commit (another writer got there first)
 * reloads the engine and builds again, so every check is redone on fresh state.
 */
export async function commitWrite<T>(
  state: AdapterState,
  build: (plan: WritePlan) => Promise<T>,
): Promise<{ result: T; plan: WritePlan }> {
  return state.lock.write(async () => {
    for (let attempt = 1; ; attempt++) {
      const plan = new WritePlan(state.meta);
      const result = await build(plan);
      if (plan.isEmpty()) return { result, plan };
      await settleAttachmentRefs(state, plan);
      try {
        await state.engine.commit(plan.toBatch());
        state.meta = plan.meta;
        return { result, plan };
      } catch (err) {
        if (!(err instanceof EngineConflictError) || attempt >= MAX_ATTEMPTS) throw err;
        state.meta = await state.engine.reload();
      }
    }
  });
}
