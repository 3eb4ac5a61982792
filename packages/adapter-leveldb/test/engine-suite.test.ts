import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEngineSuite } from '@satchel/adapter-suite';
import { MemoryLevel } from 'memory-level';
import { afterAll } from 'vitest';
import { DirectoryEngine } from '../src/directory-engine.js';
import { LevelEngine } from '../src/leveldb-engine.js';

const dir = await mkdtemp(join(tmpdir(), 'satchel-engine-suite-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** On disk: a LevelDB directory per store name. */
runEngineSuite((name) => new DirectoryEngine(join(dir, name)), {
  label: 'leveldb engine (classic-level)',
  numRuns: 15,
});

/** Over an abstract-level database the application owns: one MemoryLevel per store name. */
const databases = new Map<string, MemoryLevel>();
runEngineSuite(
  (name) => {
    const db = databases.get(name) ?? new MemoryLevel();
    databases.set(name, db);
    return new LevelEngine(db);
  },
  { label: 'leveldb engine (memory-level)', numRuns: 60 },
);
