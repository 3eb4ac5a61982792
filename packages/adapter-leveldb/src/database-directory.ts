import { parse, resolve } from 'node:path';

/**
 * The absolute directory of a database named `name` (a path). Names that name no directory of
 * their own are refused: `''` and `'.'` would be the current directory, `'..'` its parent, `'/'`
 * the root. PouchDB's LevelDB refuses `''` too (an `OpenError`); the others it opens, among
 * whatever files are there.
 */
export function databaseDirectory(name: string): string {
  const last =
    name
      .split(/[\\/]+/)
      .filter(Boolean)
      .at(-1) ?? '';
  const directory = resolve(name);
  if (last === '' || last === '.' || last === '..' || directory === parse(directory).root) {
    throw new Error(
      `Invalid database name for the leveldb adapter: "${name}" names no directory of its own`,
    );
  }
  return directory;
}
