import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdapterSuite } from '@satchel/adapter-suite';
import { changesPlugin, setSelectorMatcher } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import { matchesSelector } from '@satchel/selector';
import { afterAll } from 'vitest';
import { snapshotAdapter } from '../src/index.js';

// The changes plugin gives `db.changes()` (Mango selectors from @satchel/selector), so the
// suite's changes area, live feeds included, runs too.
Satchel.plugin(changesPlugin);
setSelectorMatcher(matchesSelector);
const directory = mkdtempSync(join(tmpdir(), 'snapshot-adapter-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
Satchel.adapter('snapshot', snapshotAdapter(directory));

/** PouchDB 9's API, every area (changes included), through LocalAdapter over the snapshot engine. */
runAdapterSuite({
  label: 'snapshot adapter',
  Satchel: Satchel.defaults({ adapter: 'snapshot' }),
  options: { adapter: 'snapshot' },
});
