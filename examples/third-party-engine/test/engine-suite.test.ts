import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEngineSuite } from '@satchel/adapter-suite';
import { afterAll } from 'vitest';
import { snapshotPath } from '../src/index.js';
import { SnapshotEngine } from '../src/snapshot-engine.js';

const directory = mkdtempSync(join(tmpdir(), 'snapshot-engine-suite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The Engine contract, checked below LocalAdapter: one file per store name. */
runEngineSuite((name) => new SnapshotEngine(snapshotPath(directory, name)), {
  label: 'snapshot engine',
  // Every commit rewrites the whole file: fewer random runs keep the model check short.
  numRuns: 15,
});
