import { type Callback, optsAndCallback } from '@satchel/core';
import { type DbConstructor, openDbs } from './open-db.js';
import { normalizeOptions } from './options.js';
import type { Replication } from './replication.js';
import { startReplication } from './start-replication.js';
import type { DatabaseRef, ReplicateOptions, ReplicationResult } from './types.js';

/**
 * Replicates `source` into `target` with the CouchDB protocol (PouchDB 9's
 * `PouchDB.replicate`). Names and URLs are opened with the constructor this is called on and
 * closed when the replication ends.
 * @returns a {@link Replication}: events, promise of the result, `cancel()`.
 * @example
 * const result = await Satchel.replicate('local', 'http://127.0.0.1:5984/remote');
 * const rep = db.replicate.to(remote, { live: true, retry: true }).on('change', console.log);
 * rep.cancel();
 */
export function replicate(
  this: DbConstructor,
  source: DatabaseRef,
  target: DatabaseRef,
  opts?: ReplicateOptions | Callback<ReplicationResult> | null,
  callback?: Callback<ReplicationResult>,
): Replication {
  const [options, cb] = optsAndCallback<ReplicateOptions, ReplicationResult>(opts, callback);
  const normalized = normalizeOptions(options);
  const dbs = openDbs(this, source, target, options);
  // Databases opened here are closed before anyone hears of the end, so they can be reopened.
  return startReplication(dbs.src, dbs.target, normalized, cb, dbs.close);
}
