/**
 * `@satchel/adapter-indexeddb`: Satchel's IndexedDB storage engine and its `indexeddb` and
 * `idb` adapters, for browsers.
 *
 * @packageDocumentation
 */

import { IndexedDbAdapterPlugin } from './indexeddb-adapter.js';

// Whole-file re-exports only (`export *`), never `export { x } from`: esbuild keeps a barrel
// with a used named re-export as a module of its own and follows all its imports, so a page
// would load every file named here (the constants of failed migrations, say) with the chunks
// they share with the code loaded on first use (see presets/browser/test/size.test.ts).
// Helpers internal to the package live in files not named here.

/** What bringing over a pouchdb-browser database brought (the same shape as pouchdb-migrate's). */
export type { MigrationStats as PouchIdbMigrationStats } from '@satchel/core';
export * from './id-key.js';
export * from './idb-name.js';
export * from './indexeddb-adapter.js';
export * from './indexeddb-engine.js';
export * from './pouch-idb/migrate-api.js';
export * from './pouch-idb/migrating-engine.js';
export * from './pouch-idb/pouch-idb-formats.js';
export * from './pouch-idb/pouch-idb-name.js';

/** The plugin, as the default export: `Satchel.plugin(IndexedDbAdapterPlugin)`. */
export default IndexedDbAdapterPlugin;
