/**
 * `@satchel/replication`: PouchDB 9's `replicate()` and `sync()` for Satchel, speaking
 * CouchDB's replication protocol with PouchDB-compatible replication ids and checkpoints.
 *
 * @packageDocumentation
 */

export { defaultBackOff } from './back-off.js';
export { Checkpointer } from './checkpointer.js';
export { compareReplicationLogs } from './compare-history.js';
export { REPLICATION_DEFAULTS } from './options.js';
export { replicate } from './replicate.js';
export { Replication, type ReplicationState } from './replication.js';
export { replicationId } from './replication-id.js';
export {
  type ReplicateMethods,
  type ReplicationMethods,
  type ReplicationStatics,
  replicationPlugin,
  replicationPlugin as default,
} from './replication-plugin.js';
export { Sync, sync } from './sync.js';
export type {
  DatabaseRef,
  ReplicateOptions,
  ReplicationChange,
  ReplicationDb,
  ReplicationFilterFunction,
  ReplicationResult,
  SyncDirection,
  SyncOptions,
  SyncResult,
} from './types.js';
