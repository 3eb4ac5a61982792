import { createError, type SatchelError } from '@satchel/core';

/** The `code` every error of a failed migration carries, to recognise it across copies. */
export const MIGRATION_ERROR_CODE = 'SATCHEL_POUCHDB_MIGRATION';

/**
 * The error for a database that cannot be brought over: it names the directory and the format
 * found, says what is wrong, and that the original was left untouched. A PouchDB-style error
 * (status 500, name `pouchdb_migration`) so `err.status`/`err.name` checks keep working.
 * @param directory - the database directory.
 * @param format - what the directory was taken for (e.g. "PouchDB's leveldb adapter format").
 * @param problem - what is wrong, in a sentence.
 * @param cause - the underlying error, if any.
 */
export function migrationError(
  directory: string,
  format: string,
  problem: string,
  cause?: unknown,
): SatchelError {
  const message =
    `Cannot open database "${directory}" (${format}): ${problem}. ` +
    'The original data was left as it is.';
  const error = createError({ status: 500, name: 'pouchdb_migration', message }, problem);
  Object.defineProperty(error, 'code', {
    value: MIGRATION_ERROR_CODE,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  if (cause !== undefined) {
    Object.defineProperty(error, 'cause', { value: cause, writable: true, configurable: true });
  }
  return error;
}

/** Whether `err` is a migration error (by code: two copies of this package may be loaded). */
export function isMigrationError(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === MIGRATION_ERROR_CODE;
}
