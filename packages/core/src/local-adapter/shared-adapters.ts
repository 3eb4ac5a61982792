import type { Adapter } from '../adapter/adapter.js';

interface Entry {
  adapter: Adapter;
  handles: number;
}

/**
 * Databases opened twice under one name in one process share one adapter (and so one write
 * order and one change notifier), as PouchDB shares its LevelDB handles. Each opener gets a
 * handle; the shared adapter closes when the last handle closes.
 */
export class SharedAdapters {
  readonly #open = new Map<string, Entry>();

  /** A handle on the adapter for `key`, creating it on first use. */
  acquire(key: string, create: () => Adapter): Adapter {
    let entry = this.#open.get(key);
    if (!entry) {
      const created: Entry = { adapter: create(), handles: 0 };
      entry = created;
      this.#open.set(key, created);
      // A database that failed to open is forgotten, so the next open tries again.
      created.adapter.ready().catch(() => {
        if (this.#open.get(key) === created) this.#open.delete(key);
      });
    }
    entry.handles += 1;
    return this.#handle(key, entry);
  }

  /** Whether an adapter for `key` is open in this process. */
  has(key: string): boolean {
    return this.#open.has(key);
  }

  #handle(key: string, entry: Entry): Adapter {
    let released = false;
    const release = (): boolean => {
      if (released) return false;
      released = true;
      entry.handles -= 1;
      const last = entry.handles === 0;
      if (last && this.#open.get(key) === entry) this.#open.delete(key);
      return last;
    };
    const handle: Adapter = Object.create(entry.adapter) as Adapter;
    Object.defineProperties(handle, {
      close: {
        value: async () => {
          if (release()) await entry.adapter.close();
        },
      },
      destroy: {
        value: async () => {
          released = true;
          if (this.#open.get(key) === entry) this.#open.delete(key);
          await entry.adapter.destroy();
        },
      },
    });
    return handle;
  }
}
