import { databaseDirectory, leveldbAdapter } from '@satchel/adapter-leveldb';
import { type AdapterFactory, type AdapterOptions, createLocalAdapterFactory } from '@satchel/core';
import { MigratingDirectoryEngine } from './migrating-engine.js';

/**
 * The database option that steers the migration: `new Satchel('mydb', { pouchdbMigration:
 * { removeOriginal: true } })`.
 */
export interface PouchMigrationOption {
  /** Delete PouchDB's kept original once the migration is complete (default `false`). */
  removeOriginal?: boolean;
}

function migrationOption(opts: AdapterOptions): PouchMigrationOption {
  const option = opts.pouchdbMigration as PouchMigrationOption | undefined;
  return option?.removeOriginal === true ? { removeOriginal: true } : {};
}

/** Databases in directories, each migrated from PouchDB's format on open when needed. */
const directories = createLocalAdapterFactory({
  type: 'leveldb',
  engine: (opts) =>
    new MigratingDirectoryEngine(databaseDirectory(opts.name), migrationOption(opts)),
  // PouchDB's leveldb adapter reports its backend's constructor name, LevelDOWN.
  info: () => ({ backend_adapter: 'LevelDOWN' }),
  share: (opts) => `dir:${databaseDirectory(opts.name)}`,
  usePrefix: false,
});

/**
 * `@satchel/adapter-leveldb`'s `leveldb` adapter that also opens databases written by PouchDB:
 * a directory holding PouchDB's leveldb data is migrated to Satchel's format on first open
 * (see {@link migratePouchDB}). With the `level` or `db` option (no directory of its own) it
 * is the plain adapter.
 */
export const pouchMigratingLeveldbAdapter: AdapterFactory = Object.assign(
  (opts: AdapterOptions) =>
    opts.level === undefined && opts.db == null ? directories(opts) : leveldbAdapter(opts),
  { valid: (): boolean => true, use_prefix: false },
);
