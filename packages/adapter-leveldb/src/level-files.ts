/** The files LevelDB writes in its directory (the names its `DestroyDB` deletes). */
const LEVELDB_FILE = /^(CURRENT|LOCK|LOG|LOG\.old|MANIFEST-\d+|\d+\.(log|ldb|sst|dbtmp))$/;

/**
 * Whether `name` is one of the files LevelDB keeps in a database directory. Anything else there
 * is not the database's: removing or moving the database must leave it.
 */
export function isLevelDbFile(name: string): boolean {
  return LEVELDB_FILE.test(name);
}

/** LevelDB's files that hold records: write-ahead logs and tables. */
const RECORD_FILE = /^\d+\.(log|ldb|sst)$/;

/** Whether `name` is a file in which LevelDB keeps records (a `.log`, `.ldb` or `.sst`). */
export function isLevelDbRecordFile(name: string): boolean {
  return RECORD_FILE.test(name);
}
