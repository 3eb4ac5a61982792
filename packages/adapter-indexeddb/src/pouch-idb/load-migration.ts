import { createError, createStringMd5, loadMigrationHelpers, uuid } from '@satchel/core';
import { idbFactory } from '../idb-factory.js';
import { indexedDbName } from '../idb-name.js';
import { requestResult, transactionDone } from '../idb-request.js';
import { createStores, SCHEMA_VERSION, STATE_KEY, STORES } from '../idb-schema.js';
import { IndexedDbEngine } from '../indexeddb-engine.js';
import { databaseExists } from './pouch-original.js';

/**
 * Loads the code that brings pouchdb-browser databases over. The import code itself is
 * loaded on first use with `import()`, so that bundlers splitting chunks keep it out of what
 * every page loads (apps that never had PouchDB data never fetch it); it gets what it uses of
 * core and the engine from here (see `kit.ts`).
 */
export async function loadMigration(): Promise<typeof import('./pouch-idb-migration.js')> {
  // Core's record builders come with its code loaded on first use: imported here, they would
  // be loaded up front by every page.
  const [migration, helpers] = await Promise.all([
    import('./pouch-idb-migration.js'),
    loadMigrationHelpers(),
  ]);
  migration.provideKit({
    availableRevs: helpers.availableRevs,
    createError,
    createStringMd5,
    importedDocRecord: helpers.importedDocRecord,
    storedBody: helpers.storedBody,
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
