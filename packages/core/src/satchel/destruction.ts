import type { EventEmitter } from './event-emitter.js';

/** The part of a database the destruction bookkeeping needs. */
export interface Destructible extends EventEmitter {
  readonly name: string;
}

/**
 * Tracks open databases by name for one constructor family, so destroying one database tells
 * every other open handle of the same name (PouchDB's `destroyed` fan-out) without adding a
 * listener per database to the constructor.
 */
export class OpenDatabases {
  private readonly byName = new Map<string, Set<Destructible>>();

  add(db: Destructible): void {
    let set = this.byName.get(db.name);
    if (!set) {
      set = new Set();
      this.byName.set(db.name, set);
    }
    set.add(db);
  }

  remove(db: Destructible): void {
    const set = this.byName.get(db.name);
    if (!set) return;
    set.delete(db);
    if (set.size === 0) this.byName.delete(db.name);
  }

  /** Tells every open handle named `name`, except `origin`, that the database is gone. */
  destroyed(name: string, origin?: Destructible): void {
    const set = this.byName.get(name);
    if (!set) return;
    this.byName.delete(name);
    for (const db of set) if (db !== origin) db.emit('destroyed', true);
  }
}
