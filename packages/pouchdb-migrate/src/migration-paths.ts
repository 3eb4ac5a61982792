/**
 * Where a migration of the database in `directory` keeps things, all beside it so renames stay
 * on one file system (and so atomic):
 * - `work`: the Satchel database being built; it becomes `directory` once verified;
 * - `original`: where PouchDB's directory is kept after the switch, until the user removes it.
 * @param directory - the database directory (absolute).
 */
export function migrationPaths(directory: string): { work: string; original: string } {
  return { work: `${directory}.migrating`, original: `${directory}.pouchdb` };
}

/**
 * The file written into the work directory once its data was verified; its presence says the
 * migration is complete. LevelDB ignores files it did not name, so it stays in the database
 * directory afterwards, recording where the data came from.
 */
export const MIGRATED_MARKER = 'MIGRATED-FROM-POUCHDB.json';
