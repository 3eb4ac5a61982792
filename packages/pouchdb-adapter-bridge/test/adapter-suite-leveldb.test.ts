import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomName, runAdapterSuite } from '@satchel/adapter-suite';
import { afterAll } from 'vitest';
import { Bridged, levelCoreCapabilities, levelCoreSkips } from './bridged-satchel.js';

// Registration happens at import time, so the directory is made synchronously here.
const dir = mkdtempSync(join(tmpdir(), 'satchel-bridge-leveldb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The behavioural suite on pouchdb-adapter-leveldb@9 (LevelDB on disk) through the bridge. */
runAdapterSuite({
  label: 'bridge: pouchdb-adapter-leveldb@9',
  Satchel: Bridged.defaults({ adapter: 'leveldb' }),
  options: { adapter: 'leveldb' },
  uniqueName: () => join(dir, randomName()),
  capabilities: levelCoreCapabilities,
  skip: levelCoreSkips,
});
