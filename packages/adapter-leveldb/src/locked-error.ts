import { createError, type SatchelError } from '@satchel/core';

/** The code classic-level gives (as the cause of its open error) when LOCK is held. */
const LOCKED = 'LEVEL_LOCKED';

/** The error in `err`'s cause chain that carries `LEVEL_LOCKED`, if any. */
function lockCause(err: unknown): { message?: unknown } | undefined {
  let e = err;
  for (let depth = 0; depth < 8 && typeof e === 'object' && e !== null; depth++) {
    if ((e as { code?: unknown }).code === LOCKED) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether `err` says the LevelDB directory is locked by another process. */
export function isLockedError(err: unknown): boolean {
  return lockCause(err) !== undefined;
}

/**
 * The error for a directory another process holds. PouchDB 9 passes LevelDB's own error on
 * (name `OpenError`, message `IO error: lock <dir>/LOCK: …`); this keeps that name and text
 * (as `reason`), adds PouchDB's error fields, and says plainly which directory and why.
 * @param err - the error from opening the database.
 * @param directory - the database directory.
 */
export function lockedError(err: unknown, directory: string): SatchelError {
  const reason = String(lockCause(err)?.message ?? err);
  const message =
    `Cannot open database "${directory}": it is in use by another process ` +
    '(LevelDB lets one process at a time open a directory)';
  const error = createError({ status: 500, name: 'OpenError', message }, reason);
  Object.defineProperties(error, {
    code: { value: LOCKED, enumerable: true, writable: true, configurable: true },
    cause: { value: err, writable: true, configurable: true },
  });
  return error;
}
