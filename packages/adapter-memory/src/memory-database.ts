import { MemoryEngine } from './memory-engine.js';
import { memoryStores } from './memory-store.js';

/**
 * An engine on the in-memory database `name`, shared with every other engine opened on that
 * name until one of them destroys it. The `memory` adapter loads this module on first use.
 */
export function memoryEngine(name: string): MemoryEngine {
  const data = memoryStores.open(name);
  return new MemoryEngine(data, () => memoryStores.drop(name, data));
}
