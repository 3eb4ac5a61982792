import { MemoryData } from './memory-data.js';

/**
 * The in-memory databases of this process, by name, so that opening `'foo'` twice (or again
 * after closing it) finds the same data, as PouchDB's memory adapter does with MemDOWN's global
 * store. Destroying a database removes its entry, freeing the memory; a later open of the
 * name starts empty.
 */
export class MemoryStores {
  private readonly byName = new Map<string, MemoryData>();

  /** The data of database `name`, created empty on first use. */
  open(name: string): MemoryData {
    let data = this.byName.get(name);
    if (!data) {
      data = new MemoryData();
      this.byName.set(name, data);
    }
    return data;
  }

  /** Whether database `name` exists in this process. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Names of the databases that exist. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /**
   * Forgets database `name` and drops its data. With `data`, only if that is still the
   * registered store, so a stale engine cannot remove a database created after it.
   */
  drop(name: string, data?: MemoryData): void {
    const current = this.byName.get(name);
    if (!current || (data && current !== data)) return;
    this.byName.delete(name);
    current.clear();
  }
}

/** The process-wide registry the `memory` adapter uses. */
export const memoryStores = new MemoryStores();
