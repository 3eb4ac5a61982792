import { createRequire } from 'node:module';
import type { SuiteConstructor } from '@satchel/adapter-suite';

const require = createRequire(import.meta.url);

interface PouchStatics {
  plugin(plugin: unknown): unknown;
}

/**
 * pouchdb@9 with its memory adapter: the oracle Satchel is compared against. Loaded through
 * `require` because pouchdb ships CommonJS without type declarations.
 */
function loadPouchDB(): SuiteConstructor {
  const PouchDB = require('pouchdb') as PouchStatics;
  PouchDB.plugin(require('pouchdb-adapter-memory'));
  return PouchDB as unknown as SuiteConstructor;
}

export const PouchDB: SuiteConstructor = loadPouchDB();

/** Options every oracle database is opened with. */
export const pouchOptions = { adapter: 'memory' } as const;
