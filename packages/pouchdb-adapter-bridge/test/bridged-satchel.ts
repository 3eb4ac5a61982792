import { changesPlugin, setSelectorMatcher } from '@satchel/changes';
import { Satchel, type SatchelConstructor } from '@satchel/core';
import { replicationPlugin } from '@satchel/replication';
import { matchesSelector } from '@satchel/selector';
import { pouchAdapterBridge } from '../src/index.js';
import { pouchLeveldb, pouchMemory } from './pouch-modules.js';

/**
 * A Satchel constructor with the bridge, the changes and replication plugins, and PouchDB's
 * memory and leveldb adapters installed exactly as a PouchDB user installs them.
 */
export const Bridged: ReturnType<SatchelConstructor['defaults']> = Satchel.defaults({});
Bridged.plugin(pouchAdapterBridge);
Bridged.plugin(changesPlugin);
Bridged.plugin(replicationPlugin);
setSelectorMatcher(matchesSelector);
Bridged.plugin(pouchMemory as never);
Bridged.plugin(pouchLeveldb as never);

/**
 * The suite's skips for PouchDB's level-based adapters (memory and leveldb share
 * pouchdb-adapter-leveldb-core). Each one is a bug inside the adapter itself, and each is
 * skipped for pouchdb@9 on the same adapter too (presets/node/test/adapter-suite-pouchdb.test.ts).
 */
export const levelCoreSkips = {
  'bulk-docs: a second edit of one parent in one request is a 409 and leaves no trace':
    'pouchdb-adapter-leveldb-core answers 409 yet leaves the rejected revision in the tree as a bodiless leaf (pouchdb@9 does the same)',
  'basics: ids starting above U+00FF are listed like any other':
    "pouchdb-adapter-leveldb-core bounds id ranges with '\\xff': ids starting above U+00FF vanish from allDocs (pouchdb@9 does the same)",
  'conflicts: an edit of a non-leaf revision is a 409 even when it recreates an existing revision':
    'on a deleted document pouchdb-adapter-leveldb-core throws a TypeError inside _bulkDocs (pouchdb@9 never answers)',
};

/** What PouchDB's level-based adapters lack. */
export const levelCoreCapabilities = {
  // pouchdb-adapter-leveldb-core has no _purge: "Purge is not implemented in the memory adapter."
  purge: false,
};
