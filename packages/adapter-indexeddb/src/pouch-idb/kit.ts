import type {
  availableRevs,
  createError,
  createStringMd5,
  importedDocRecord,
  storedBody,
  uuid,
} from '@satchel/core';
import type { idbFactory } from '../idb-factory.js';
import type { indexedDbName } from '../idb-name.js';
import type { requestResult, transactionDone } from '../idb-request.js';
import type { createStores, SCHEMA_VERSION, STATE_KEY, STORES } from '../idb-schema.js';
import type { IndexedDbEngine } from '../indexeddb-engine.js';
import type { databaseExists } from './pouch-original.js';

/**
 * What the lazily loaded import code uses of core and of the engine, handed over by the code
 * that loads it (`loadMigration`) instead of imported. Why: a bundler that inlines an
 * `import()`d module (esbuild without chunk splitting, script-tag builds) wraps that module and
 * everything it imports in lazy initialisers, which for core would cost every app about 1.5 KB
 * gzipped; importing nothing from the rest of the package keeps the wrapping to these files,
 * and a bundler that splits chunks needs no chunk shared between the import and the rest.
 */
export interface MigrationKit {
  availableRevs: typeof availableRevs;
  createError: typeof createError;
  createStringMd5: typeof createStringMd5;
  importedDocRecord: typeof importedDocRecord;
  storedBody: typeof storedBody;
  uuid: typeof uuid;
  IndexedDbEngine: typeof IndexedDbEngine;
  createStores: typeof createStores;
  SCHEMA_VERSION: typeof SCHEMA_VERSION;
  STATE_KEY: typeof STATE_KEY;
  STORES: typeof STORES;
  indexedDbName: typeof indexedDbName;
  requestResult: typeof requestResult;
  transactionDone: typeof transactionDone;
  databaseExists: typeof databaseExists;
  idbFactory: typeof idbFactory;
}

/** The kit, filled by {@link provideKit} before any import code runs. */
export const kit = {} as MigrationKit;

/** Hands the import code what it uses (see {@link MigrationKit}). */
export function provideKit(given: MigrationKit): void {
  Object.assign(kit, given);
}
