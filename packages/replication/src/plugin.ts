/**
 * `@satchel/replication/plugin`: the plugin alone (`replicate`, `sync` and their methods), without
 * the package root's protocol helpers (`Checkpointer`, `compareReplicationLogs`,
 * `replicationId`). Importing this instead of the root lets a bundler keep the protocol in a
 * chunk loaded on the first replication. The root cannot: esbuild assigns whole files to
 * chunks, so a file the page reaches through any re-export stays in what loads up front, used
 * or not.
 *
 * @packageDocumentation
 */

export {
  type ReplicateMethods,
  type ReplicationMethods,
  type ReplicationStatics,
  replicationPlugin,
} from './replication-plugin.js';
