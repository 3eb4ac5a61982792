import { type Callback, EventEmitter, type Listener, optsAndCallback } from '@satchel/core';
import { type DbConstructor, openDbs } from './open-db.js';
import { normalizeOptions } from './options.js';
import type { Replication } from './replication.js';
import { runner, startReplication } from './start-replication.js';
import type {
  DatabaseRef,
  ReplicationChange,
  ReplicationDb,
  SyncDirection,
  SyncOptions,
  SyncResult,
} from './types.js';

// The events' listener types, for the type checker only: the methods are EventEmitter's.
export interface Sync {
  on(
    event: 'change',
    listener: (e: { direction: SyncDirection; change: ReplicationChange }) => void,
  ): this;
  on(event: 'complete', listener: (result: SyncResult) => void): this;
  on(event: 'active', listener: (e: { direction: SyncDirection }) => void): this;
  on(event: 'denied', listener: (e: { direction: SyncDirection; doc: unknown }) => void): this;
  on(event: string | symbol, listener: Listener): this;
}

/**
 * A two-way replication, as `sync()` returns it: `push` (local → remote) and `pull`
 * (remote → local) run side by side. Emits `change` (`{direction, change}`), `denied`
 * (`{direction, doc}`), `active` (`{direction}`), `paused` (when both directions are),
 * `complete` (`{push, pull}`) and `error`; it is a promise of `{push, pull}` and has `cancel()`.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: declares overloads of inherited methods.
export class Sync extends EventEmitter implements PromiseLike<SyncResult> {
  /** True once cancelled (PouchDB's spelling). */
  canceled = false;
  /** The local → remote replication. */
  readonly push: Replication;
  /** The remote → local replication. */
  readonly pull: Replication;
  readonly #result: Promise<SyncResult>;

  /**
   * @param src - the local side.
   * @param target - the remote side.
   * @param opts - options of both directions; `push`/`pull` override them per direction.
   * @param callback - Node-style callback of `{push, pull}`.
   * @param beforeEnd - runs once both directions stopped, before the end is reported.
   */
  constructor(
    src: ReplicationDb,
    target: ReplicationDb,
    opts: SyncOptions,
    callback?: Callback<SyncResult>,
    beforeEnd: () => Promise<void> = async () => undefined,
  ) {
    super();
    const pushOpts = normalizeOptions(opts.push ? { ...opts, ...opts.push } : opts);
    const pullOpts = normalizeOptions(opts.pull ? { ...opts, ...opts.pull } : opts);
    this.push = startReplication(src, target, pushOpts);
    this.pull = startReplication(target, src, pullOpts);
    // Events are forwarded by code loaded with the replication code, before either direction
    // (which runs only once that code is there) can emit: its `then` comes after theirs.
    const { push, pull } = this;
    if (runner.loaded) runner.loaded.forwardSyncEvents(this, push, pull);
    else
      runner.load().then(
        (code) => code.forwardSyncEvents(this, push, pull),
        () => undefined,
      );
    if (opts.live) {
      // One live direction ending (error or cancel) ends the other.
      this.push.on('complete', () => this.pull.cancel());
      this.pull.on('complete', () => this.push.cancel());
    }
    this.#result = this.#settle(callback, beforeEnd);
    this.#result.catch(() => undefined);
  }

  async #settle(
    callback: Callback<SyncResult> | undefined,
    beforeEnd: () => Promise<void>,
  ): Promise<SyncResult> {
    const [push, pull] = await Promise.allSettled([
      Promise.resolve(this.push).catch((err: unknown) => {
        this.cancel();
        throw err;
      }),
      Promise.resolve(this.pull).catch((err: unknown) => {
        this.cancel();
        throw err;
      }),
    ]);
    await beforeEnd();
    if (push.status === 'fulfilled' && pull.status === 'fulfilled') {
      const out = { push: push.value, pull: pull.value };
      this.emit('complete', out);
      if (callback) queueMicrotask(() => callback(null, out));
      this.removeAllListeners();
      return out;
    }
    const err = push.status === 'rejected' ? push.reason : (pull as PromiseRejectedResult).reason;
    if (this.listenerCount('error') > 0) this.emit('error', err);
    if (callback) queueMicrotask(() => callback(err as Error));
    this.removeAllListeners();
    throw err;
  }

  /** Stops both directions. Idempotent. */
  cancel(): void {
    if (this.canceled) return;
    this.canceled = true;
    this.push.cancel();
    this.pull.cancel();
  }

  /** The sync as a promise of `{push, pull}`. */
  // biome-ignore lint/suspicious/noThenProperty: the sync is a promise by design (PouchDB's API).
  then<R1 = SyncResult, R2 = never>(
    onFulfilled?: ((value: SyncResult) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result.then(onFulfilled, onRejected);
  }

  /** Handles the sync's error. */
  catch<R = never>(
    onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
  ): Promise<SyncResult | R> {
    return this.#result.catch(onRejected);
  }

  /** Runs `onFinally` once the sync ended. */
  finally(onFinally?: (() => void) | null): Promise<SyncResult> {
    return this.#result.finally(onFinally);
  }
}

/**
 * Two-way replication between `source` and `target` (PouchDB 9's `PouchDB.sync`): push and
 * pull with the same options, overridden per direction by `opts.push`/`opts.pull`.
 * @example
 * const sync = Satchel.sync('local', 'http://127.0.0.1:5984/remote', { live: true, retry: true })
 *   .on('change', ({ direction, change }) => console.log(direction, change.docs_written));
 */
export function sync(
  this: DbConstructor,
  source: DatabaseRef,
  target: DatabaseRef,
  opts?: SyncOptions | Callback<SyncResult> | null,
  callback?: Callback<SyncResult>,
): Sync {
  const [options, cb] = optsAndCallback<SyncOptions, SyncResult>(opts, callback);
  normalizeOptions(options);
  const dbs = openDbs(this, source, target, options);
  try {
    return new Sync(dbs.src, dbs.target, options, cb, dbs.close);
  } catch (err) {
    void dbs.close();
    throw err;
  }
}
