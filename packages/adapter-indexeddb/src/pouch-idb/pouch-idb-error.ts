import { createError, type SatchelError } from '@satchel/core';

/** The format named in errors about PouchDB's `idb` databases. */
export const POUCH_IDB_FORMAT = "PouchDB's idb adapter format";

/** The format named in errors about PouchDB's `indexeddb` databases. */
export const POUCH_INDEXEDDB_FORMAT = "PouchDB's indexeddb adapter format";

/** The format named in errors about a database that is neither (or not recognisably either). */
export const POUCH_BROWSER_FORMAT = "PouchDB's idb or indexeddb adapter format";

/** The `code` of a failed migration, the same as `@satchel/pouchdb-migrate`'s on Node. */
export const MIGRATION_ERROR_CODE = 'SATCHEL_POUCHDB_MIGRATION';

/**
 * The error for a PouchDB database that cannot be brought over: it names the IndexedDB
 * database and the format, says what is wrong and that the original was left as it is.
 * A PouchDB-style error (status 500, name `pouchdb_migration`).
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
  const error = createError({ status: 500, name: 'pouchdb_migration', message }, problem);
  Object.defineProperty(error, 'code', { value: MIGRATION_ERROR_CODE, enumerable: true });
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause });
  return error;
}
