/**
 * `@satchel/pouchdb-migrate`: opens LevelDB databases written by PouchDB's `leveldb` adapter
 * by bringing them over to Satchel's format, losing nothing a replication or an app relies on.
 *
 * @packageDocumentation
 */

export type { MigrationStats } from '@satchel/core';
export { type DirectoryKind, inspectDirectory } from './detect.js';
export type { MigrationProgress } from './import-pouch.js';
export {
  type MigrateOptions,
  type MigrateResult,
  migratePouchDB,
  removePouchDBOriginal,
} from './migrate-directory.js';
export { type PouchMigrationOption, pouchMigratingLeveldbAdapter } from './migrating-adapter.js';
export { MigratingDirectoryEngine } from './migrating-engine.js';
export { isMigrationError, MIGRATION_ERROR_CODE } from './migration-error.js';
export { MIGRATED_MARKER, migrationPaths } from './migration-paths.js';
