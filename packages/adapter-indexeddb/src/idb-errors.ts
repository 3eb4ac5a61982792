import { createError, type ErrorTemplate, type SatchelError } from '@satchel/core';

/**
 * PouchDB's `IDB_ERROR` template (core's `Errors.IDB_ERROR`, the same fields: a test pins
 * them), kept here so that a page loads no more of core's error catalogue than it uses.
 */
export const IDB_ERROR: ErrorTemplate = {
  status: 500,
  name: 'indexed_db_went_bad',
  message: 'unknown',
};

/**
 * PouchDB's error for a failing IndexedDB (`indexed_db_went_bad`, status 500), with the
 * browser's reason: `QuotaExceededError` when storage is full, `InvalidStateError` or
 * `SecurityError` where a private mode or a policy refuses IndexedDB.
 */
export function idbError(cause: unknown, during: string): SatchelError {
  const { name, message } = (cause ?? {}) as { name?: string; message?: string };
  const what = name ?? 'UnknownError';
  const hint =
    what === 'QuotaExceededError'
      ? ' (storage quota exceeded; nothing of this write was stored)'
      : what === 'InvalidStateError' || what === 'SecurityError'
        ? ' (IndexedDB is unavailable here, e.g. in a private window)'
        : '';
  const detail = message ? `: ${message}` : '';
  const err = createError(IDB_ERROR, `${what} during ${during}${detail}${hint}`);
  return err;
}
