import type { SatchelError } from '@satchel/core';
import { kit } from './kit.js';
import { MIGRATION_ERROR_CODE, POUCH_IDB_FORMAT } from './pouch-idb-formats.js';

/**
 * The error for a PouchDB database that cannot be brought over: it names the IndexedDB
 * database and the format, says what is wrong and that the original was left as it is.
 * A PouchDB-style error (status 500, name `pouchdb_migration`). Made only by the lazily loaded
 * import code, with core's `createError` from the kit.
 */
export function pouchIdbError(
  database: string,
  problem: string,
  cause?: unknown,
  format: string = POUCH_IDB_FORMAT,
): SatchelError {
  const message =
    `Cannot open database "${database}" (${format}): ${problem}. ` +
    'The original data was left as it is.';
  const error = kit.createError({ status: 500, name: 'pouchdb_migration', message }, problem);
  Object.defineProperty(error, 'code', { value: MIGRATION_ERROR_CODE, enumerable: true });
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause });
  return error;
}
