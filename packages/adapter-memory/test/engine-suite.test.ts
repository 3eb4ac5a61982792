import { runEngineSuite } from '@satchel/adapter-suite';
import { MemoryEngine } from '../src/memory-engine.js';
import { MemoryStores } from '../src/memory-store.js';

/** Engines on one name share its data, as two `Satchel` instances of one name do. */
const stores = new MemoryStores();

runEngineSuite(
  (name) => {
    const data = stores.open(name);
    return new MemoryEngine(data, () => stores.drop(name, data));
  },
  { label: 'memory engine', numRuns: 80 },
);
