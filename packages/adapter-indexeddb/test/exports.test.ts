import { describe, expect, it } from 'vitest';

/**
 * The runtime names the package exports, pinned: its entry re-exports whole files
 * (`export *`, see src/index.ts), so a helper meant for the package alone must live in a file
 * the entry does not name (as `pouch-idb/load-migration.ts` or `pouch-idb/pouch-original.ts`
 * do). A change here is a change of the public API: update the list on purpose.
 */
describe('the public export list', () => {
  it('@satchel/adapter-indexeddb', async () => {
    const exported = await import('../src/index.js');
    expect(Object.keys(exported).sort()).toEqual([
      'IndexedDbAdapterPlugin',
      'IndexedDbEngine',
      'MIGRATION_ERROR_CODE',
      'MigratingIndexedDbEngine',
      'POUCH_BROWSER_FORMAT',
      'POUCH_IDB_FORMAT',
      'POUCH_INDEXEDDB_FORMAT',
      'default',
      'idKey',
      'idbAdapter',
      'indexedDbName',
      'indexeddbAdapter',
      'migratePouchIdb',
      'pouchIdbName',
      'removePouchIdbOriginal',
    ]);
    expect(exported.default).toBe(exported.IndexedDbAdapterPlugin);
  });
});
