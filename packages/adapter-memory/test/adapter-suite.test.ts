import { runAdapterSuite } from '@satchel/adapter-suite';
import { Satchel } from '@satchel/core';
import { memoryAdapter } from '../src/index.js';

Satchel.adapter('memory', memoryAdapter);

/** The shared behavioural suite, through LocalAdapter over the memory engine. */
runAdapterSuite({
  label: 'adapter-memory',
  Satchel: Satchel.defaults({ adapter: 'memory' }),
  options: { adapter: 'memory' },
});
