import { occasional } from '../occasional.js';

/** A listener of any event. */
// biome-ignore lint/suspicious/noExplicitAny: listeners receive whatever the event carries.
export type Listener = (...args: any[]) => void;

/** Node's default per-event listener limit; we warn past it like Node does. */
const DEFAULT_MAX_LISTENERS = 10;

/**
 * A small EventEmitter with Node's API (`on`, `once`, `off`, `emit`, …) that also runs in
 * browsers, so databases, feeds and replications emit events without Node's `events` module.
 */
export class EventEmitter {
  private _events = new Map<string | symbol, Listener[]>();
  private _maxListeners = DEFAULT_MAX_LISTENERS;

  on(event: string | symbol, listener: Listener): this {
    return this.addListener(event, listener);
  }

  addListener(event: string | symbol, listener: Listener): this {
    checkListener(listener);
    const list = this._events.get(event);
    if (list) list.push(listener);
    else this._events.set(event, [listener]);
    this.warnIfLeaking(event);
    return this;
  }

  prependListener(event: string | symbol, listener: Listener): this {
    checkListener(listener);
    const list = this._events.get(event);
    if (list) list.unshift(listener);
    else this._events.set(event, [listener]);
    return this;
  }

  once(event: string | symbol, listener: Listener): this {
    checkListener(listener);
    const wrapper: Listener & { listener?: Listener } = (...args) => {
      this.removeListener(event, wrapper);
      listener.apply(this, args);
    };
    wrapper.listener = listener;
    return this.on(event, wrapper);
  }

  off(event: string | symbol, listener: Listener): this {
    return this.removeListener(event, listener);
  }

  removeListener(event: string | symbol, listener: Listener): this {
    const list = this._events.get(event);
    if (!list) return this;
    const index = list.findIndex(
      (l) => l === listener || (l as { listener?: Listener }).listener === listener,
    );
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this._events.delete(event);
    return this;
  }

  removeAllListeners(event?: string | symbol): this {
    if (event === undefined) this._events.clear();
    else this._events.delete(event);
    return this;
  }

  emit(event: string | symbol, ...args: unknown[]): boolean {
    const list = this._events.get(event);
    if (!list || list.length === 0) {
      if (event === 'error') throw args[0] instanceof Error ? args[0] : new Error(String(args[0]));
      return false;
    }
    for (const listener of [...list]) listener.apply(this, args);
    return true;
  }

  listeners(event: string | symbol): Listener[] {
    return (this._events.get(event) ?? []).map((l) => (l as { listener?: Listener }).listener ?? l);
  }

  listenerCount(event: string | symbol): number {
    return this._events.get(event)?.length ?? 0;
  }

  eventNames(): (string | symbol)[] {
    return [...this._events.keys()];
  }

  setMaxListeners(n: number): this {
    this._maxListeners = n;
    return this;
  }

  getMaxListeners(): number {
    return this._maxListeners;
  }

  private warnIfLeaking(event: string | symbol): void {
    const count = this.listenerCount(event);
    if (this._maxListeners > 0 && count === this._maxListeners + 1) {
      // The warning comes with the code loaded on first use (Node prints its own on a later
      // tick too); if that cannot load, there is no warning, and nothing else changes.
      occasional.load().then(
        (code) => code.warnLeak(event, count),
        () => undefined,
      );
    }
  }
}

/**
 * Refuses a listener that is not a function as Node does (`ERR_INVALID_ARG_TYPE`): accepted,
 * it would throw on every later `emit` of its event, from inside the database's own work (a
 * `destroy` would fail after deleting the data, a changes feed would log on every change).
 */
function checkListener(listener: unknown): void {
  if (typeof listener === 'function') return;
  const received = listener == null ? String(listener) : `type ${typeof listener}`;
  const err = new TypeError(
    `The "listener" argument must be of type function. Received ${received}`,
  ) as TypeError & { code: string };
  err.code = 'ERR_INVALID_ARG_TYPE';
  throw err;
}
