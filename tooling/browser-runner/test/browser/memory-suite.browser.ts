// Runs in Chromium: the API-level adapter suite on the memory adapter, bundled with esbuild.
import { memoryAdapter } from '@satchel/adapter-memory';
import { runAdapterSuite } from '@satchel/adapter-suite';
import { changesPlugin, setSelectorMatcher } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import { matchesSelector } from '@satchel/selector';

Satchel.adapter('memory', memoryAdapter, true);
Satchel.plugin(changesPlugin);
setSelectorMatcher(matchesSelector);

runAdapterSuite({
  label: 'memory in chromium',
  Satchel: Satchel.defaults({ adapter: 'memory' }),
  options: { adapter: 'memory' },
});
