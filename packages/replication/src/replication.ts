import { type Callback, EventEmitter, type Listener } from '@satchel/core';
import type { ReplicationChange, ReplicationResult } from './types.js';

/** Where a replication is: PouchDB's `state` values. */
export type ReplicationState = 'pending' | 'active' | 'stopped' | 'cancelled' | 'complete';

// The events' listener types, for the type checker only: the methods are EventEmitter's.
export interface Replication {
  /** A batch was written: the counters so far and the documents of this batch. */
  on(event: 'change', listener: (info: ReplicationChange) => void): this;
  /** The final result (also after `cancel()`, with `status: 'cancelled'`). */
  on(event: 'complete', listener: (info: ReplicationResult) => void): this;
  /** Idle (caught up, or waiting to retry after `err`). */
  on(event: 'paused', listener: (err?: unknown) => void): this;
  /** Replicating again after being paused. */
  on(event: 'active', listener: () => void): this;
  /** The target refused a document (401/403), which is skipped. */
  on(event: 'denied', listener: (err: unknown) => void): this;
  /** The error that ended the replication. */
  on(event: 'error', listener: (err: unknown) => void): this;
  on(event: string | symbol, listener: Listener): this;
}

/**
 * A running replication, as `replicate()` returns it: an EventEmitter (`change`, `paused`,
 * `active`, `denied`, `complete`, `error`) that is also a promise of the final result and can
 * be cancelled. After `complete` or `error` it drops all its listeners, as PouchDB's does.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: declares overloads of inherited methods.
export class Replication extends EventEmitter implements PromiseLike<ReplicationResult> {
  /** True once `cancel()` was called (PouchDB's field). */
  cancelled = false;
  /** PouchDB's `state`: `pending` (idle), `active`, `stopped` (waiting to retry), … */
  state: ReplicationState = 'pending';
  readonly #result: Promise<ReplicationResult>;
  #resolveResult!: (res: ReplicationResult) => void;
  #rejectResult!: (err: unknown) => void;
  #settled = false;
  readonly #cancelHooks = new Set<() => void>();
  /** The last retry delay (ms); back to 0 once replicating again, as in PouchDB. */
  backOffDelay = 0;

  /** @param callback - optional Node-style callback of the final result. */
  constructor(callback?: Callback<ReplicationResult>) {
    super();
    this.#result = new Promise<ReplicationResult>((resolve, reject) => {
      this.#resolveResult = resolve;
      this.#rejectResult = reject;
    });
    // Errors are also reported through the `error` event: never an unhandled rejection.
    this.#result.catch(() => {});
    if (callback) {
      this.#result.then(
        (res) => queueMicrotask(() => callback(null, res)),
        (err: Error) => queueMicrotask(() => callback(err)),
      );
    }
  }

  /** Stops the replication; it completes with `status: 'cancelled'`. Idempotent. */
  cancel(): void {
    if (this.#settled || this.cancelled) return;
    this.cancelled = true;
    this.state = 'cancelled';
    this.emit('cancel');
    for (const hook of [...this.#cancelHooks]) hook();
  }

  /** Runs `hook` on `cancel()` (at once if already cancelled); returns its remover. */
  onCancel(hook: () => void): () => void {
    if (this.cancelled) {
      hook();
      return () => undefined;
    }
    this.#cancelHooks.add(hook);
    return () => this.#cancelHooks.delete(hook);
  }

  /** The replication as a promise of its final result. */
  // biome-ignore lint/suspicious/noThenProperty: the replication is a promise by design (PouchDB's API).
  then<R1 = ReplicationResult, R2 = never>(
    onFulfilled?: ((value: ReplicationResult) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result.then(onFulfilled, onRejected);
  }

  /** Handles the replication's error (as `Promise.prototype.catch`). */
  catch<R = never>(
    onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
  ): Promise<ReplicationResult | R> {
    return this.#result.catch(onRejected);
  }

  /** Runs `onFinally` once the replication completed or failed. */
  finally(onFinally?: (() => void) | null): Promise<ReplicationResult> {
    return this.#result.finally(onFinally);
  }

  /** True once complete or failed. */
  get done(): boolean {
    return this.#settled;
  }

  /** Marks work in progress; emits `active` when coming from idle or a retry wait. */
  markActive(): void {
    if (this.#settled || this.cancelled) return;
    if (this.state !== 'pending' && this.state !== 'stopped') return;
    if (this.state === 'stopped') this.backOffDelay = 0;
    this.state = 'active';
    this.emit('active');
  }

  /** Marks idle and emits `paused` (with the error when waiting to retry). */
  markPaused(err?: unknown): void {
    if (this.#settled || this.cancelled) return;
    this.state = err === undefined ? 'pending' : 'stopped';
    if (err === undefined) this.emit('paused');
    else this.emit('paused', err);
  }

  /**
   * Ends with `result`: resolves, emits `complete`, drops listeners. The promise settles
   * before the event, so a throwing `complete` listener cannot leave it pending forever (its
   * error goes to whoever ends the replication, as an event listener's error does).
   */
  complete(result: ReplicationResult): void {
    if (this.#settled) return;
    this.#settled = true;
    if (!this.cancelled) this.state = 'complete';
    this.#cancelHooks.clear();
    this.#resolveResult(result);
    try {
      this.emit('complete', result);
    } finally {
      this.removeAllListeners();
    }
  }

  /** Ends with `err`: rejects, emits `error` when someone listens, drops listeners. */
  fail(err: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#cancelHooks.clear();
    this.#rejectResult(err);
    try {
      if (this.listenerCount('error') > 0) this.emit('error', err);
    } finally {
      this.removeAllListeners();
    }
  }
}
