import { idbError } from '../idb-errors.js';
import { idbFactory } from '../idb-factory.js';
import { indexedDbName } from '../idb-name.js';
import { requestResult } from '../idb-request.js';
import { IndexedDbEngine } from '../indexeddb-engine.js';
import { loadMigration } from './load-migration.js';
import { databaseExists } from './pouch-original.js';

/** The database option `pouchdbMigration`: `new PouchDB('db', { pouchdbMigration: { removeOriginal: true } })`. */
export interface PouchIdbMigrationOption {
  /** Delete PouchDB's original (`_pouch_<name>`) once the migration is verified. */
  removeOriginal?: boolean;
}

/** Names settled in this page (migrated, or nothing to migrate): not inspected again. */
const settled = new Set<string>();

/**
 * The IndexedDB engine of database `name` (prefixed, as adapters get it: `_pouch_todos`), which
 * on first open brings over the database PouchDB wrote under that very name
 * by its `idb` or `indexeddb` adapter (see `migratePouchIdb`). A failed migration
 * fails `open()`, so every call rejects with the error naming the database.
 */
export class MigratingIndexedDbEngine extends IndexedDbEngine {
  constructor(
    private readonly databaseName: string,
    private readonly option: PouchIdbMigrationOption = {},
    private readonly factory?: IDBFactory,
  ) {
    super({ name: indexedDbName(databaseName), ...(factory ? { factory } : {}) });
  }

  override async open(): ReturnType<IndexedDbEngine['open']> {
    if (!settled.has(this.databaseName) || this.option.removeOriginal) {
      const factory = idbFactory(this.factory);
      if (await this.#originalExists(factory)) {
        // The import code is loaded only now: most apps never had a PouchDB database.
        const { migrateStore } = await loadMigration();
        await migrateStore(this.databaseName, { ...this.option, factory });
      }
      settled.add(this.databaseName);
    }
    return super.open();
  }

  /**
   * Whether PouchDB left a database of this name. A browser refusing IndexedDB (a sandboxed
   * frame, a policy, a private mode) refuses this first look: it is PouchDB's open error then.
   */
  async #originalExists(factory: IDBFactory): Promise<boolean> {
    try {
      return await databaseExists(factory, this.databaseName);
    } catch (err) {
      throw idbError(err, 'open');
    }
  }

  /**
   * Deletes the database, and PouchDB's original if it was kept: otherwise a database of this
   * name created later would bring the old PouchDB data back.
   */
  override async destroy(): Promise<void> {
    await super.destroy();
    settled.delete(this.databaseName);
    try {
      await requestResult(idbFactory(this.factory).deleteDatabase(this.databaseName));
    } catch (err) {
      throw idbError(err, 'destroy');
    }
  }
}
