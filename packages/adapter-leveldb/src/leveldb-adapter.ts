import type { AdapterFactory, AdapterOptions } from '@satchel/core';
import { databaseDirectory } from './database-directory.js';
import { DirectoryEngine } from './directory-engine.js';
import { downPlacement } from './down-placement.js';
import { type AdapterRegistry, createLeveldbAdapter } from './level-adapter-factory.js';
import { levelPlacement, type Placement } from './level-placement.js';

export type { AdapterRegistry } from './level-adapter-factory.js';
export type { LevelOption } from './level-placement.js';

/**
 * Picks the store for `opts`: the `level` option if given, else PouchDB's `db` option (a
 * LevelDOWN-style constructor), else a directory named `opts.name`.
 */
function placementOf(opts: AdapterOptions): Placement {
  const chosen = levelPlacement(opts) ?? downPlacement(opts);
  if (chosen) return chosen;
  const directory = databaseDirectory(opts.name);
  return {
    key: `dir:${directory}`,
    // PouchDB's leveldb adapter reports its backend's constructor name, LevelDOWN.
    create: () => ({ engine: new DirectoryEngine(directory), backend: 'LevelDOWN' }),
  };
}

/**
 * The `leveldb` adapter. By default each database is a LevelDB directory (classic-level) at
 * its name, `prefix` included (`prefix: 'data/'` + `'mydb'` → `./data/mydb`), created when
 * missing (its parent must exist, as in PouchDB). With the `level` option it stores into any
 * abstract-level database instead (memory-level, browser-level, a sublevel of your own
 * database…); with PouchDB's `db` option, into a LevelDOWN-style store such as memdown.
 *
 * Databases opened twice on one directory (or instance) in this process share one adapter, as
 * PouchDB shares its LevelDB handles; another process opening the same directory gets an
 * `OpenError` naming it.
 */
export const leveldbAdapter: AdapterFactory = createLeveldbAdapter(placementOf);

/**
 * Registers the `leveldb` adapter as a preferred one, as PouchDB's `pouchdb-adapter-leveldb`
 * plugin does: `Satchel.plugin(LeveldbAdapterPlugin)`.
 */
export function LeveldbAdapterPlugin(Satchel: AdapterRegistry): void {
  Satchel.adapter('leveldb', leveldbAdapter, true);
}
