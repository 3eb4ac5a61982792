// Runs in Chromium: the API-level adapter suite on the leveldb adapter's browser entry over
// browser-level (abstract-level on IndexedDB), as a browser user would set it up.
import { runAdapterSuite } from '@satchel/adapter-suite';
import { Satchel } from '@satchel/core';
import { BrowserLevel } from 'browser-level';
import { leveldbAdapter } from '../../src/browser.js';

Satchel.adapter('leveldb', leveldbAdapter);

const level = (name: string) => new BrowserLevel(name);

runAdapterSuite({
  label: 'leveldb over browser-level in chromium',
  Satchel: Satchel.defaults({ adapter: 'leveldb', level }),
  options: { adapter: 'leveldb', level },
});
