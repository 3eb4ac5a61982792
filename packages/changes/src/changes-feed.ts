import {
  type Callback,
  type ChangesResult,
  EventEmitter,
  type Listener,
  type Satchel,
} from '@satchel/core';
import { iterateFeed } from './async-iterator.js';
import { type FeedOptions, normalizeFeedOptions } from './feed-options.js';
import { trackFeed } from './feed-registry.js';
import type { ChangeFilter } from './filter-function.js';
import { filterCode, resolveFilter } from './filters.js';
import { type ChangeWatcher, watchChanges } from './live.js';
import { type ReadContext, readChanges } from './read-changes.js';
import { serverFilter } from './server-filter.js';
import type { Change, ChangesComplete, ChangesOptions } from './types.js';

// The events' listener types, for the type checker only: the methods are EventEmitter's.
export interface ChangesFeed<T extends object = object> {
  /** Each change, as soon as it is read (live feeds: after every write that passes). */
  on(event: 'change', listener: (change: Change<T>) => void): this;
  /** The final result; `{status: 'cancelled'}` after `cancel()`. */
  on(event: 'complete', listener: (result: ChangesComplete<T>) => void): this;
  /** The error that ended the feed (only emitted when someone listens, as in PouchDB). */
  on(event: 'error', listener: (err: Error) => void): this;
  on(event: string | symbol, listener: Listener): this;
  once(event: 'change', listener: (change: Change<T>) => void): this;
  once(event: 'complete', listener: (result: ChangesComplete<T>) => void): this;
  once(event: 'error', listener: (err: Error) => void): this;
  once(event: string | symbol, listener: Listener): this;
}

/**
 * A changes feed, as `db.changes(opts)` returns it: an EventEmitter (`change`, `complete`,
 * `error`, `cancel`) that is also a promise of the final `{results, last_seq}` and an async
 * iterable of changes. `cancel()` stops it; a cancelled feed completes with
 * `{status: 'cancelled'}`. After completing it drops all its listeners, as PouchDB's does.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: declares overloads of inherited methods.
export class ChangesFeed<T extends object = object>
  extends EventEmitter
  implements PromiseLike<ChangesComplete<T>>, AsyncIterable<Change<T>>
{
  /** True once `cancel()` was called (PouchDB's field name). */
  isCancelled = false;
  readonly #db: Satchel;
  readonly #result: Promise<ChangesComplete<T>>;
  #resolveResult!: (res: ChangesComplete<T>) => void;
  #rejectResult!: (err: unknown) => void;
  #settled = false;
  readonly #untrack: () => void;
  #live: LiveState | undefined;

  /**
   * Starts reading at once (asynchronously, so listeners added right after construction see
   * every change). Prefer `db.changes(opts)`.
   */
  constructor(db: Satchel, opts: ChangesOptions<T> = {}, callback?: Callback<ChangesComplete<T>>) {
    super();
    this.#db = db;
    this.#result = new Promise<ChangesComplete<T>>((resolve, reject) => {
      this.#resolveResult = resolve;
      this.#rejectResult = reject;
    });
    // Handling the outcome here also keeps a failed feed nobody awaits from being unhandled.
    this.#result.then(
      (res) => this.#completed(res),
      (err: unknown) => this.#failed(err),
    );
    if (callback) {
      this.on('complete', (res: ChangesComplete<T>) => callback(null, res));
      this.on('error', (err: Error) => callback(err));
    }
    this.#untrack = trackFeed(db, this);
    void this.#start({ ...opts });
  }

  /** Stops the feed; it completes with `{status: 'cancelled'}`. Idempotent. */
  cancel(): void {
    if (this.#settled) return;
    this.isCancelled = true;
    this.#stopLive();
    this.emit('cancel');
    this.#settle({ status: 'cancelled' } as ChangesComplete<T>);
  }

  /** The feed as a promise: resolves with the final result, rejects with the feed's error. */
  // biome-ignore lint/suspicious/noThenProperty: the feed is a promise by design (PouchDB's API).
  then<R1 = ChangesComplete<T>, R2 = never>(
    onFulfilled?: ((value: ChangesComplete<T>) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result.then(onFulfilled, onRejected);
  }

  /** Handles the feed's error (as `Promise.prototype.catch`). */
  catch<R = never>(
    onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
  ): Promise<ChangesComplete<T> | R> {
    return this.#result.catch(onRejected);
  }

  /** Runs `onFinally` once the feed completed or failed. */
  finally(onFinally?: (() => void) | null): Promise<ChangesComplete<T>> {
    return this.#result.finally(onFinally);
  }

  /** Iterates the changes; leaving the loop early cancels the feed. */
  [Symbol.asyncIterator](): AsyncIterableIterator<Change<T>> {
    return iterateFeed<Change<T>>(this);
  }

  async #start(opts: ChangesOptions<T>): Promise<void> {
    try {
      const options = normalizeFeedOptions(opts);
      await this.#db.ready();
      assertUsable(this.#db);
      const since = await this.#resolveSince(options.since);
      if (this.isCancelled) return;
      const remote = this.#db._adapter.serverChanges === true;
      const filter = remote
        ? serverFilter(opts, options.adapter)
        : await resolveFilter(this.#db, options.filter);
      if (this.isCancelled) return;
      if (options.live && remote) {
        // The long-poll loop is loaded with the first live remote feed (as the http adapter is).
        const code = filterCode.loaded ?? (await filterCode.load());
        if (this.isCancelled) return;
        this.#startLongpoll(code, opts, options, filter, since);
      } else if (options.live) this.#startLive(options, filter, since);
      else await this.#readOnce(options, filter, since);
    } catch (err) {
      this.#fail(err);
    }
  }

  /** `'now'` is the current update sequence, read through the instance's `info`. */
  async #resolveSince(since: number | string): Promise<number | string> {
    return since === 'now' ? (await this.#db.info()).update_seq : since;
  }

  async #readOnce(
    options: FeedOptions,
    filter: ChangeFilter | undefined,
    since: number | string,
  ): Promise<void> {
    const { limit, descending, returnDocs } = options;
    const res = await readChanges(this.#readContext(options, filter), {
      since,
      limit,
      descending,
      returnDocs,
    });
    if (res) this.#settle(res as ChangesComplete<T>);
  }

  /**
   * Live: subscribe first (so no write between catch-up and subscription is missed), then
   * catch up, then catch up again after every wake-up until cancelled. Like PouchDB's local
   * live feeds, `limit` and `descending` do not apply.
   */
  #startLive(options: FeedOptions, filter: ChangeFilter | undefined, since: number | string): void {
    const live: LiveState = { since, running: false, again: false, watcher: undefined };
    this.#live = live;
    live.watcher = watchChanges(this.#db._adapter, () => this.#pump(options, filter));
    this.#pump(options, filter);
  }

  /** Runs a catch-up, or asks the running one to go round again (writes arrive meanwhile). */
  #pump(options: FeedOptions, filter: ChangeFilter | undefined): void {
    const live = this.#live;
    if (!live || this.isCancelled) return;
    if (live.running) {
      live.again = true;
      return;
    }
    live.running = true;
    this.#catchUp(live, options, filter).catch((err: unknown) => this.#fail(err));
  }

  async #catchUp(
    live: LiveState,
    options: FeedOptions,
    filter: ChangeFilter | undefined,
  ): Promise<void> {
    const ctx = this.#readContext(options, filter);
    let active = false;
    do {
      live.again = false;
      const bounds = { since: live.since, limit: undefined, descending: false, returnDocs: false };
      const res = await readChanges(ctx, bounds);
      if (!res) return;
      if (res.last_seq !== live.since) active = true;
      live.since = res.last_seq;
    } while (live.again && !this.isCancelled);
    live.running = false;
    live.watcher?.settled(active);
  }

  /**
   * Live on a remote database: one long-poll per round, as PouchDB's http adapter does, each
   * starting after the last change emitted, so a dropped connection or a 5xx is retried (with
   * backoff) without missing or repeating a change. A 4xx ends the feed with that error.
   * `cancel()` aborts the request in flight and the retry wait: nothing is left running.
   */
  #startLongpoll(
    code: FilterCode,
    opts: ChangesOptions<T>,
    options: FeedOptions,
    filter: ChangeFilter | undefined,
    since: number | string,
  ): void {
    const controller = new AbortController();
    const live: LiveState = { since, running: true, again: false, watcher: undefined };
    live.watcher = { settled: () => undefined, stop: () => controller.abort() };
    this.#live = live;
    const ctx = this.#readContext(options, filter);
    const extra = code.longpollOptions(opts, controller.signal);
    code
      .longpoll(readChanges, ctx, live, extra, controller.signal)
      .catch((err: unknown) => this.#fail(err));
  }

  #readContext(opts: FeedOptions, filter: ChangeFilter | undefined): ReadContext {
    return {
      db: this.#db,
      opts,
      filter,
      onChange: (change) => this.#emitChange(change),
      isCancelled: () => this.isCancelled,
    };
  }

  /** A throwing `change` listener must not break the feed (PouchDB logs and carries on). */
  #emitChange(change: ChangesResult): void {
    if (this.isCancelled) return;
    try {
      this.emit('change', change);
    } catch (err) {
      console.error('Error in .on("change", function):', err);
    }
  }

  #settle(res: ChangesComplete<T>): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#resolveResult(res);
  }

  #fail(err: unknown): void {
    // Errors after cancel() come from a database being closed under the read: not news.
    if (this.#settled || this.isCancelled) return;
    this.#settled = true;
    this.#stopLive();
    this.#rejectResult(err);
  }

  #completed(res: ChangesComplete<T>): void {
    this.emit('complete', res);
    this.#cleanUp();
  }

  #failed(err: unknown): void {
    // PouchDB only emits `error` to listeners: an unheard error stays in the promise.
    if (this.listenerCount('error') > 0) this.emit('error', err);
    this.#cleanUp();
  }

  #cleanUp(): void {
    this.#stopLive();
    this.#untrack();
    this.removeAllListeners();
  }

  #stopLive(): void {
    this.#live?.watcher?.stop();
    if (this.#live) this.#live.watcher = undefined;
  }
}

/** The code loaded on first use (see filters.ts). */
type FilterCode = typeof import('./filter-code.js');

/** A live feed's position and catch-up state. */
export interface LiveState {
  since: number | string;
  running: boolean;
  again: boolean;
  watcher: ChangeWatcher | undefined;
}

/** The same errors Satchel's own methods give on a closed or destroyed database. */
function assertUsable(db: Satchel): void {
  if (db._closed) throw new Error('database is closed');
  if (db._destroyed) throw new Error('database is destroyed');
}
