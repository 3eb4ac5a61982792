import * as Errors from '../error-templates.js';
import { createError } from '../errors.js';
import { reloadState } from './reload.js';
import type { AdapterState, ConflictRetrySettings } from './state.js';

/**
 * What follows a commit the engine refused (another writer changed the store first), before
 * `commitLocked` builds the write again: a pause growing with the refusals, then a reload of
 * the state. Throws a 409 instead when the pause would take the write past the retry timeout.
 * @param refusals - commits of this write refused before this one.
 * @param started - when the write's first attempt started (`Date.now()`).
 */
export async function afterRefusal(
  state: AdapterState,
  refusals: number,
  started: number,
): Promise<void> {
  const retry = state.settings.conflictRetry;
  const pause = backoff(retry, refusals);
  if (Date.now() - started + pause > retry.timeout) throw gaveUp(refusals + 1, started);
  if (pause > 0) await sleep(pause);
  await reloadState(state);
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
