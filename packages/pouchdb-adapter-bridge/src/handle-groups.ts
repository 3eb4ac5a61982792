/**
 * The open handles of one database (one adapter function, one name) in this process. PouchDB
 * adapters share their store between handles of one name, so a write through any handle must
 * wake the live feeds of all, and closing one handle must not close the store under the others.
 */
export class HandleGroup {
  private readonly open = new Set<object>();
  private readonly listeners = new Set<() => void>();
  /** Closes postponed until the last handle goes (closing the shared store earlier breaks the rest). */
  private readonly postponed: (() => Promise<void>)[] = [];

  constructor(private readonly onEmpty: () => void) {}

  join(handle: object): void {
    this.open.add(handle);
  }

  /** Calls every change listener of every handle (after a committed write). */
  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  listen(listener: () => void): () => void {
    const entry = () => listener();
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  /**
   * Leaves the group. The last handle to leave runs its own close (whose error is the caller's)
   * and then the closes postponed by the others (whose errors say only that the shared store is
   * closed already).
   */
  async leave(handle: object, close: () => Promise<void>): Promise<void> {
    this.open.delete(handle);
    if (this.open.size > 0) {
      this.postponed.push(close);
      return;
    }
    this.onEmpty();
    const rest = this.postponed.splice(0);
    try {
      await close();
    } finally {
      for (const other of rest) await other().catch(() => undefined);
    }
  }

  /** The database is gone: postponed closes have nothing left to close. */
  destroyed(handle: object): void {
    this.open.delete(handle);
    this.postponed.length = 0;
    if (this.open.size === 0) this.onEmpty();
  }
}

/** Groups by adapter function, then by database name. */
export class HandleGroups {
  private readonly byFunction = new WeakMap<object, Map<string, HandleGroup>>();

  get(fn: object, name: string): HandleGroup {
    let byName = this.byFunction.get(fn);
    if (!byName) {
      byName = new Map();
      this.byFunction.set(fn, byName);
    }
    let group = byName.get(name);
    if (!group) {
      const names = byName;
      group = new HandleGroup(() => {
        if (names.get(name) === group) names.delete(name);
      });
      byName.set(name, group);
    }
    return group;
  }
}
