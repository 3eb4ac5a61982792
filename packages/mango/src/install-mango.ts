import { mangoPlugin } from './mango-plugin.js';

/**
 * The package's default export: `Satchel.plugin(require('@satchel/mango'))` (or `import mango
 * from '@satchel/mango'`) installs {@link mangoPlugin}, as `PouchDB.plugin(require('pouchdb-find'))`
 * does. A function rather than the methods object, so that in CommonJS the package's named
 * exports can hang off it without `Satchel.plugin` copying them onto every database.
 */
export function installMango(ctor: { plugin(plugin: Record<string, unknown>): unknown }): void {
  ctor.plugin(mangoPlugin);
}
