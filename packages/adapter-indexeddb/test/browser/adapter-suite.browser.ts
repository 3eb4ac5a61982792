// Runs in Chromium: the API-level adapter suite on IndexedDB, under both adapter names.
import { runAdapterSuite } from '@satchel/adapter-suite';
import { changesPlugin, setSelectorMatcher } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import { matchesSelector } from '@satchel/selector';
import { IndexedDbAdapterPlugin } from '../../src/index.js';

Satchel.plugin(IndexedDbAdapterPlugin);
Satchel.plugin(changesPlugin);
setSelectorMatcher(matchesSelector);

runAdapterSuite({
  label: 'indexeddb in chromium',
  Satchel: Satchel.defaults({ adapter: 'indexeddb' }),
  options: { adapter: 'indexeddb' },
});
