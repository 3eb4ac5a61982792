import type { Adapter } from '../adapter/adapter.js';

interface Entry {
  adapter: Adapter;
  handles: number;
  /** The adapter's own `close` and `destroy`, which its first handle's shadow. */
  close: () => Promise<void>;
  destroy: () => Promise<void>;
}

/**
 * Databases opened twice under one name in one process share one adapter (and so one write
 * order and one change notifier), as PouchDB shares its LevelDB handles. Each opener gets a
 * handle; the shared adapter closes when the last handle closes.
 *
 * The first handle is the adapter itself, with its own `close` and `destroy` that release the
 * handle: every database then calls an object of the same shape, and the adapter is never a
 * prototype (the engine would treat its fields as constants, and drop the optimized code of
 * every caller each time a field changed, as closing does). Later handles of the same name
 * (rare) inherit from it.
 */
export class SharedAdapters {
  readonly #open = new Map<string, Entry>();

  /** A handle on the adapter for `key`, creating it on first use. */
  acquire(key: string, create: () => Adapter): Adapter {
    let entry = this.#open.get(key);
    let handle: Adapter;
    if (entry) handle = Object.create(entry.adapter) as Adapter;
    else {
      handle = create();
      const created: Entry = {
        adapter: handle,
        handles: 0,
        close: handle.close.bind(handle),
        destroy: handle.destroy.bind(handle),
      };
      entry = created;
      this.#open.set(key, created);
      // A database that failed to open is forgotten, so the next open tries again.
      handle.ready().catch(() => {
        if (this.#open.get(key) === created) this.#open.delete(key);
      });
    }
    entry.handles += 1;
    return this.#handle(key, entry, handle);
  }

  /** Whether an adapter for `key` is open in this process. */
  has(key: string): boolean {
    return this.#open.has(key);
  }

  /** Makes `handle` release its share of `entry` on `close` and `destroy`. */
  #handle(key: string, entry: Entry, handle: Adapter): Adapter {
    let released = false;
    const release = (): boolean => {
      if (released) return false;
      released = true;
      entry.handles -= 1;
      const last = entry.handles === 0;
      if (last && this.#open.get(key) === entry) this.#open.delete(key);
      return last;
    };
    handle.close = async () => {
      if (release()) await entry.close();
    };
    handle.destroy = async () => {
      released = true;
      if (this.#open.get(key) === entry) this.#open.delete(key);
      await entry.destroy();
    };
    return handle;
  }
}
