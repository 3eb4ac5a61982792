// Public names of the formats and the error code of failed migrations (constants only: the
// package's entry re-exports this whole file, which costs a page nothing it does not use).

/** The format named in errors about PouchDB's `idb` databases. */
export const POUCH_IDB_FORMAT = "PouchDB's idb adapter format";

/** The format named in errors about PouchDB's `indexeddb` databases. */
export const POUCH_INDEXEDDB_FORMAT = "PouchDB's indexeddb adapter format";

/** The format named in errors about a database that is neither (or not recognisably either). */
export const POUCH_BROWSER_FORMAT = "PouchDB's idb or indexeddb adapter format";

/** The `code` of a failed migration, the same as `@satchel/pouchdb-migrate`'s on Node. */
export const MIGRATION_ERROR_CODE = 'SATCHEL_POUCHDB_MIGRATION';
