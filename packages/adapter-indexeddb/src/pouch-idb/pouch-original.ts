import { requestResult } from '../idb-request.js';

/**
 * The small, always-loaded part of bringing PouchDB databases over: finding out whether there
 * is anything to bring. The import itself (`pouch-idb-migration.ts` and what it uses) is
 * loaded with `import()` only when an original exists, so apps that never ran pouchdb-browser
 * do not download it.
 */

/**
 * Whether IndexedDB database `database` exists, never creating it: `databases()` where the
 * browser has it, else an open whose upgrade (a database that did not exist) is aborted.
 */
export async function databaseExists(factory: IDBFactory, database: string): Promise<boolean> {
  if (typeof factory.databases === 'function') {
    return (await factory.databases()).some((db) => db.name === database);
  }
  const request = factory.open(database);
  let created = false;
  request.onupgradeneeded = () => {
    created = true;
    request.transaction?.abort();
  };
  try {
    (await requestResult(request)).close();
  } catch (err) {
    if (!created) throw err;
  }
  return !created;
}
