import type { Callback } from '@satchel/core';
import type { DbConstructor } from './open-db.js';
import { replicate } from './replicate.js';
import type { Replication } from './replication.js';
import { type Sync, sync } from './sync.js';
import type {
  DatabaseRef,
  ReplicateOptions,
  ReplicationResult,
  SyncOptions,
  SyncResult,
} from './types.js';

/** `db.replicate`: replication from or to this database. */
export interface ReplicateMethods {
  /** Replicates `target`'s changes into this database. */
  from(
    source: DatabaseRef,
    opts?: ReplicateOptions | null,
    callback?: Callback<ReplicationResult>,
  ): Replication;
  from(source: DatabaseRef, callback: Callback<ReplicationResult>): Replication;
  /** Replicates this database's changes into `target`. */
  to(
    target: DatabaseRef,
    opts?: ReplicateOptions | null,
    callback?: Callback<ReplicationResult>,
  ): Replication;
  to(target: DatabaseRef, callback: Callback<ReplicationResult>): Replication;
}

/** The methods this plugin adds to a database. */
export interface ReplicationMethods {
  /**
   * Replication to or from this database (installed by `@satchel/replication`).
   * @example
   * await db.replicate.to('http://127.0.0.1:5984/todos');
   * db.replicate.from(remote, { live: true, retry: true }).on('change', (info) => …);
   */
  readonly replicate: ReplicateMethods;
  /**
   * Two-way replication with `other` (installed by `@satchel/replication`).
   * @example
   * const handle = db.sync(remote, { live: true, retry: true });
   * handle.cancel();
   */
  sync(other: DatabaseRef, opts?: SyncOptions | null, callback?: Callback<SyncResult>): Sync;
  sync(other: DatabaseRef, callback: Callback<SyncResult>): Sync;
}

/** The statics this plugin adds to the constructor (`Satchel.replicate`, `Satchel.sync`). */
export interface ReplicationStatics {
  replicate: typeof replicate;
  sync: typeof sync;
}

/** Cached `db.replicate` objects, so `db.replicate === db.replicate` as in PouchDB. */
const methodsOf = new WeakMap<object, ReplicateMethods>();

type Ctor = DbConstructor & Partial<ReplicationStatics>;

function ctorOf(db: object): Ctor {
  return (db as { constructor: Ctor }).constructor;
}

/** `db.replicate.to/from`, calling the constructor's (possibly replaced) `replicate`. */
function replicateMethods(db: object): ReplicateMethods {
  const cached = methodsOf.get(db);
  if (cached) return cached;
  const call = (...args: Parameters<typeof replicate>): Replication => {
    const Ctor = ctorOf(db);
    return (Ctor.replicate ?? replicate).apply(Ctor, args);
  };
  const methods = {
    from: (source: DatabaseRef, opts?: unknown, cb?: unknown) =>
      call(source, db as DatabaseRef, opts as ReplicateOptions, cb as Callback<ReplicationResult>),
    to: (target: DatabaseRef, opts?: unknown, cb?: unknown) =>
      call(db as DatabaseRef, target, opts as ReplicateOptions, cb as Callback<ReplicationResult>),
  } as ReplicateMethods;
  methodsOf.set(db, methods);
  return methods;
}

/**
 * The plugin: `Satchel.plugin(replicationPlugin)` adds `Satchel.replicate`, `Satchel.sync`,
 * `db.replicate.to/from` and `db.sync` (PouchDB 9's replication API).
 */
export function replicationPlugin(ctor: { prototype: object }): void {
  const statics = ctor as unknown as ReplicationStatics;
  statics.replicate = replicate;
  statics.sync = sync;
  Object.defineProperty(ctor.prototype, 'replicate', {
    get(this: object) {
      return replicateMethods(this);
    },
    configurable: true,
  });
  Object.defineProperty(ctor.prototype, 'sync', {
    value: function dbSync(this: object, other: DatabaseRef, opts?: unknown, cb?: unknown): Sync {
      const Ctor = ctorOf(this);
      return (Ctor.sync ?? sync).call(
        Ctor,
        this as DatabaseRef,
        other,
        opts as SyncOptions,
        cb as Callback<SyncResult>,
      );
    },
    writable: true,
    configurable: true,
  });
}

declare module '@satchel/core' {
  interface SatchelPlugins<Content extends object = object> extends ReplicationMethods {}
}
