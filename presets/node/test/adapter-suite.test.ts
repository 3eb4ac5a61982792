import { runAdapterSuite } from '@satchel/adapter-suite';
import Satchel from '../src/index.js';

/** The behavioural suite through the preset: memory adapter plus the changes plugin. */
runAdapterSuite({
  label: '@satchel/node memory',
  Satchel,
  options: { adapter: 'memory' },
});
