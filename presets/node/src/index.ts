import { httpAdapter } from '@satchel/adapter-http';
import { memoryAdapter } from '@satchel/adapter-memory';
import { changesPlugin, setSelectorMatcher } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import { mangoPlugin } from '@satchel/mango';
import { mapreducePlugin } from '@satchel/mapreduce';
import { pouchAdapterBridge } from '@satchel/pouchdb-adapter-bridge';
import { pouchMigratingLeveldbAdapter } from '@satchel/pouchdb-migrate';
import { type ReplicationStatics, replicationPlugin } from '@satchel/replication';
import { matchesSelector } from '@satchel/selector';
import pkg from '../package.json';

Satchel.version = pkg.version;
// LevelDB on disk is the default, as in PouchDB on Node; memory stays available by name. A
// directory written by PouchDB's leveldb adapter is brought over to Satchel's format on open.
Satchel.adapter('leveldb', pouchMigratingLeveldbAdapter, true);
Satchel.adapter('memory', memoryAdapter, true);
// Names that are URLs (`http://host:5984/db`) pick these by their scheme.
Satchel.adapter('http', httpAdapter);
Satchel.adapter('https', httpAdapter);
Satchel.plugin(changesPlugin);
Satchel.plugin(mapreducePlugin);
Satchel.plugin(mangoPlugin);
Satchel.plugin(replicationPlugin);
// PouchDB's own adapters (`Satchel.plugin(require('pouchdb-adapter-memory'))`) run through the bridge.
Satchel.plugin(pouchAdapterBridge);
setSelectorMatcher(matchesSelector);

export type { Change, ChangesComplete, ChangesFeed, ChangesOptions } from '@satchel/changes';
// The plugins' types, re-exported: besides being handy, this makes the preset's declaration
// files load every plugin's augmentation of the database type (`db.find`, `db.query`, …), in
// ESM and in CommonJS alike.
export type {
  AllDocsOptions,
  AllDocsResponse,
  BulkDocsOptions,
  ExistingDocument,
  GetOptions,
  InfoResponse,
  NewDocument,
  SatchelConstructor,
  SatchelOptions,
  WriteResponse,
} from '@satchel/core';
export type {
  CreateIndexRequest,
  CreateIndexResponse,
  FindRequest,
  FindResponse,
} from '@satchel/mango';
export type { QueryOptions, QueryResponse } from '@satchel/mapreduce';
export type {
  ReplicateOptions,
  Replication,
  ReplicationResult,
  Sync,
  SyncOptions,
  SyncResult,
} from '@satchel/replication';

/**
 * Satchel for Node.js, ready to use where PouchDB is: `require('@satchel/node')` and
 * `import PouchDB from '@satchel/node'` both give the constructor.
 */
const SatchelNode = Satchel as typeof Satchel & ReplicationStatics;
/**
 * A database, as a type: `const db: Satchel<Todo> = new Satchel<Todo>('todos')`, where
 * `Satchel` is this package's default export (PouchDB's `PouchDB.Database<Todo>`).
 */
type SatchelNode<Content extends object = object> = Satchel<Content>;
export default SatchelNode;
