import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomName, runAdapterSuite } from '@satchel/adapter-suite';
import { Satchel } from '@satchel/core';
import memdown from 'memdown';
import { MemoryLevel } from 'memory-level';
import { afterAll } from 'vitest';
import { type LevelDatabase, leveldbAdapter } from '../src/index.js';

Satchel.adapter('leveldb', leveldbAdapter);

// Registration happens at import time, so the directory is made synchronously here.
const dir = mkdtempSync(join(tmpdir(), 'satchel-suite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The suite on disk: every database is a classic-level directory under `dir`. */
runAdapterSuite({
  label: 'adapter-leveldb (classic-level)',
  Satchel: Satchel.defaults({ adapter: 'leveldb' }),
  options: { adapter: 'leveldb' },
  uniqueName: () => join(dir, randomName()),
});

/**
 * The same engine over memory-level: one instance per database name (kept, so closing and
 * reopening a name finds its data), passed through the `level` option.
 */
const memoryLevels = new Map<string, LevelDatabase>();
function memoryLevelFor(name: string): LevelDatabase {
  let level = memoryLevels.get(name);
  if (!level) {
    level = new MemoryLevel();
    memoryLevels.set(name, level);
  }
  return level;
}

runAdapterSuite({
  label: 'adapter-leveldb (memory-level)',
  Satchel: Satchel.defaults({ adapter: 'leveldb', level: memoryLevelFor }),
  options: { adapter: 'leveldb', level: memoryLevelFor },
});

/**
 * PouchDB's `db` option: each database in what memdown (an abstract-leveldown 2 store, the
 * generation PouchDB's option was made for) creates at its name, adapted by `DownLevel`.
 */
runAdapterSuite({
  label: 'adapter-leveldb (db: memdown)',
  Satchel: Satchel.defaults({ adapter: 'leveldb', db: memdown }),
  options: { adapter: 'leveldb', db: memdown },
});
