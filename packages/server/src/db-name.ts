import { CouchError } from './couch-error.js';

/** CouchDB's rule for database names (the system databases are the exceptions below). */
const VALID_NAME = /^[a-z][a-z0-9_$()+/-]*$/;
const SYSTEM_NAMES = new Set(['_users', '_replicator', '_global_changes']);
/** CouchDB refuses longer names too. */
const MAX_NAME_LENGTH = 238;

/**
 * Checks a database name against CouchDB's rules. Names reach the data directory, so this is
 * also what keeps `../`, absolute paths and control characters out of the file system.
 * @throws CouchError 400 `illegal_database_name`
 */
export function checkDbName(name: string): void {
  const parts = name.split('/');
  const valid =
    SYSTEM_NAMES.has(name) ||
    (VALID_NAME.test(name) &&
      name.length <= MAX_NAME_LENGTH &&
      !parts.includes('..') &&
      !parts.includes('.') &&
      !parts.includes(''));
  if (!valid) {
    throw new CouchError(
      400,
      'illegal_database_name',
      `Name: '${name}'. Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, -, and / are allowed. Must begin with a letter.`,
    );
  }
}

/**
 * The name a database is stored under: one file-system entry per database, so `/` (allowed
 * in CouchDB names) is escaped; `%` cannot occur in a valid name, so the mapping is reversible.
 */
export function storageName(name: string): string {
  return name.replaceAll('/', '%2F');
}
