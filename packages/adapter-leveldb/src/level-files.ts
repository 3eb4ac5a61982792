/** The files LevelDB writes in its directory (the names its `DestroyDB` deletes). */
const LEVELDB_FILE = /^(CURRENT|LOCK|LOG|LOG\.old|MANIFEST-\d+|\d+\.(log|ldb|sst|dbtmp))$/;

/**
 * Whether `name` is one of the files LevelDB keeps in a database directory. Anything else there
 * is not the database's: removing or moving the database must leave it.
 */
export function isLevelDbFile(name: string): boolean {
  return LEVELDB_FILE.test(name);
}
