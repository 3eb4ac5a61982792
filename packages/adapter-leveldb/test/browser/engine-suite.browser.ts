// Runs in Chromium: the engine-level suite on LevelEngine over browser-level (one BrowserLevel
// database per store name, shared by the engines opened on it).
import { runEngineSuite } from '@satchel/adapter-suite';
import { BrowserLevel } from 'browser-level';
import { LevelEngine } from '../../src/browser.js';

const run = Date.now().toString(36);
const databases = new Map<string, BrowserLevel>();
runEngineSuite(
  (name) => {
    const db = databases.get(name) ?? new BrowserLevel(`engine-suite-${run}/${name}`);
    databases.set(name, db);
    return new LevelEngine(db);
  },
  { label: 'leveldb engine over browser-level in chromium', numRuns: 15 },
);
