import {
  availableRevs,
  createError,
  createStringMd5,
  importedDocRecord,
  storedBody,
  uuid,
} from '@satchel/core';
import { indexedDbName } from '../idb-name.js';
import { requestResult, transactionDone } from '../idb-request.js';
import { createStores, SCHEMA_VERSION, STATE_KEY, STORES } from '../idb-schema.js';
import { IndexedDbEngine } from '../indexeddb-engine.js';
import { databaseExists, idbFactory } from './pouch-original.js';

/**
 * Loads the code that brings pouchdb-browser databases over. The import code itself is
 * loaded on first use with `import()`, so that bundlers splitting chunks keep it out of what
 * every page loads (apps that never had PouchDB data never fetch it); it gets what it uses of
 * core and the engine from here (see `kit.ts`).
 */
export async function loadMigration(): Promise<typeof import('./pouch-idb-migration.js')> {
  const migration = await import('./pouch-idb-migration.js');
  migration.provideKit({
    availableRevs,
    createError,
    createStringMd5,
    importedDocRecord,
    storedBody,
    uuid,
    IndexedDbEngine,
    createStores,
    SCHEMA_VERSION,
    STATE_KEY,
    STORES,
    indexedDbName,
    requestResult,
    transactionDone,
    databaseExists,
    idbFactory,
  });
  return migration;
}
