/** The `name` every engine conflict error carries, whichever copy of core created it. */
export const ENGINE_CONFLICT_NAME = 'EngineConflictError';

/** The `code` every engine conflict error carries, whichever copy of core created it. */
export const ENGINE_CONFLICT_CODE = 'SATCHEL_ENGINE_CONFLICT';

/**
 * The error an engine throws from `commit` when another writer changed the store since the
 * version it was given (an ETag mismatch, another tab or process). LocalAdapter then calls
 * `reload()` and redoes the logical operation on fresh state.
 *
 * It is recognised by {@link isEngineConflict} through its `name` and `code`, never by
 * `instanceof`: an engine may be built against another copy of `@satchel/core` (the CJS build
 * beside the ESM one, or another version), whose class is a different object.
 */
export class EngineConflictError extends Error {
  override readonly name = ENGINE_CONFLICT_NAME;
  /** Stable across copies and versions of core; see {@link ENGINE_CONFLICT_CODE}. */
  readonly code = ENGINE_CONFLICT_CODE;
}

/** Creates the error an engine throws from `commit` when the store moved past its version. */
export function engineConflict(message = 'The store was changed by another writer'): Error {
  return new EngineConflictError(message);
}

/**
 * Whether `err` is an engine conflict, from any copy of core or none: an object whose `name` is
 * `'EngineConflictError'` or whose `code` is `'SATCHEL_ENGINE_CONFLICT'`.
 */
export function isEngineConflict(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { name, code } = err as { name?: unknown; code?: unknown };
  return name === ENGINE_CONFLICT_NAME || code === ENGINE_CONFLICT_CODE;
}
