import type { EventEmitter } from '@satchel/core';
import type { Replication } from './replication.js';
import type { ReplicationChange, SyncDirection } from './types.js';

/**
 * Makes a sync report its two directions' events as PouchDB's does: `change` and `denied` with
 * their direction, `active` when one direction starts while the other is idle, `paused` once
 * both are. Loaded with the replication code (run-replication.ts): the directions emit nothing
 * before it runs, so the sync attaches this when that code is there (see `Sync`).
 */
export function forwardSyncEvents(sync: EventEmitter, push: Replication, pull: Replication): void {
  const paused = { push: true, pull: true };
  const forward = (rep: Replication, direction: SyncDirection, other: SyncDirection): void => {
    rep.on('change', (change: ReplicationChange) => sync.emit('change', { direction, change }));
    rep.on('denied', (doc: unknown) => sync.emit('denied', { direction, doc }));
    rep.on('paused', () => {
      paused[direction] = true;
      if (paused.push && paused.pull) sync.emit('paused');
    });
    rep.on('active', () => {
      paused[direction] = false;
      if (paused[other]) sync.emit('active', { direction });
    });
  };
  forward(push, 'push', 'pull');
  forward(pull, 'pull', 'push');
}
