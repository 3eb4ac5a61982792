import { runAdapterSuite } from '@satchel/adapter-suite';
import { Bridged, levelCoreCapabilities, levelCoreSkips } from './bridged-satchel.js';

/** The behavioural suite on pouchdb-adapter-memory@9 run through the bridge. */
runAdapterSuite({
  label: 'bridge: pouchdb-adapter-memory@9',
  Satchel: Bridged.defaults({ adapter: 'memory' }),
  options: { adapter: 'memory' },
  capabilities: levelCoreCapabilities,
  skip: levelCoreSkips,
});
