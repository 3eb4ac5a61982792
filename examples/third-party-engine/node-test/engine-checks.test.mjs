// The engine suite without vitest's runner: node:test (mocha is the same shape) runs each check
// through runEngineCheck, which needs no test runner. Runs the compiled engine (npm run build).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { engineChecks, runEngineCheck } from '@satchel/adapter-suite';
import { SnapshotEngine, snapshotPath } from '../dist/index.js';

const directory = mkdtempSync(join(tmpdir(), 'snapshot-engine-node-test-'));
after(() => rmSync(directory, { recursive: true, force: true }));
const createEngine = (name) => new SnapshotEngine(snapshotPath(directory, name));

describe('snapshot engine: the engine suite under node:test', () => {
  for (const check of engineChecks) {
    it(`${check.area}: ${check.title}`, async (t) => {
      const outcome = await runEngineCheck(check, createEngine, { label: 'snapshot', numRuns: 15 });
      if (outcome === 'skipped') t.skip(`engine lacks: ${check.needs?.join(', ')}`);
    });
  }
});
