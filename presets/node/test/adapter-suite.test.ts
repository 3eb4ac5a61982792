import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomName, runAdapterSuite } from '@satchel/adapter-suite';
import { afterAll } from 'vitest';
import Satchel from '../src/index.js';

/** The behavioural suite through the preset (every plugin registered), on memory. */
runAdapterSuite({
  label: '@satchel/node memory',
  Satchel,
  options: { adapter: 'memory' },
});

// Registration happens at import time, so the directory is made synchronously here.
const dir = mkdtempSync(join(tmpdir(), 'satchel-node-suite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** …and on the default adapter, classic-level on disk, changes feed included. */
runAdapterSuite({
  label: '@satchel/node leveldb',
  Satchel,
  options: { adapter: 'leveldb' },
  uniqueName: () => join(dir, randomName()),
});
