/**
 * `@satchel/adapter-memory`: Satchel's in-memory storage engine and its `memory` adapter.
 *
 * @packageDocumentation
 */

export { compareIds } from './compare-ids.js';
export {
  type AdapterRegistry,
  MemoryAdapterPlugin,
  MemoryAdapterPlugin as default,
  memoryAdapter,
} from './memory-adapter.js';
export { MemoryData } from './memory-data.js';
export { MemoryEngine } from './memory-engine.js';
export { MemoryStores, memoryStores } from './memory-store.js';
