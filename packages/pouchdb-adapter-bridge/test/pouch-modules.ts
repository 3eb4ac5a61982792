import { createRequire } from 'node:module';
import type { PouchAdapterFunction } from '@satchel/core';

const require = createRequire(import.meta.url);

/** A PouchDB plugin function, as adapter packages export them. */
export type PouchPlugin = (ctor: {
  adapter(name: string, fn: PouchAdapterFunction, preferred?: boolean): unknown;
}) => void;

/** pouchdb-adapter-memory@9: `PouchDB.plugin(require('pouchdb-adapter-memory'))`. */
export const pouchMemory = require('pouchdb-adapter-memory') as PouchPlugin;
/** pouchdb-adapter-leveldb@9 (LevelDB on disk through leveldown). */
export const pouchLeveldb = require('pouchdb-adapter-leveldb') as PouchPlugin;

/** pouchdb@9 itself, the oracle. */
export function loadPouchDB(): unknown {
  return require('pouchdb');
}
