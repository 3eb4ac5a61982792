import SatchelNode from '@satchel/node';
import { storagePrefix } from './create-server.js';
import { Databases } from './databases.js';
import type { DbConstructor } from './server-db.js';

/**
 * The databases of a data directory as the server lays them out (same names, same catalogue),
 * for tools that work on them without a running server, such as the `satchel` CLI.
 * Close it when done: LevelDB allows one process per database at a time.
 */
export function localDatabases(dataDir: string, Satchel?: DbConstructor): Databases {
  return new Databases({
    Satchel: Satchel ?? (SatchelNode as unknown as DbConstructor),
    adapter: 'leveldb',
    prefix: storagePrefix('leveldb', dataDir),
  });
}
