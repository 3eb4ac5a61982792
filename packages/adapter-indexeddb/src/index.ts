/**
 * `@satchel/adapter-indexeddb`: Satchel's IndexedDB storage engine and its `indexeddb` and
 * `idb` adapters, for browsers.
 *
 * @packageDocumentation
 */

export { idKey } from './id-key.js';
export {
  type AdapterRegistry,
  IndexedDbAdapterPlugin,
  IndexedDbAdapterPlugin as default,
  idbAdapter,
  indexedDbName,
  indexeddbAdapter,
} from './indexeddb-adapter.js';
export { IndexedDbEngine, type IndexedDbEngineOptions } from './indexeddb-engine.js';
