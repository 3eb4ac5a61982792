// Runs in Chromium: the engine-level suite on IndexedDbEngine. Engines created under one name
// share one IndexedDB database, as tabs do.
import { runEngineSuite } from '@satchel/adapter-suite';
import { IndexedDbEngine } from '../../src/index.js';

const run = Date.now().toString(36);
runEngineSuite((name) => new IndexedDbEngine({ name: `engine-suite-${run}/${name}` }), {
  label: 'indexeddb engine in chromium',
  numRuns: 15,
});
