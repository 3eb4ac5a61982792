import { storedKey } from './stored-form.js';

/** One emitted row, with the indexable string PouchDB would store it under. */
export interface ViewEntry {
  /** `toIndexableString([key, id])`, plus a counter for duplicate keys from one document. */
  indexKey: string;
  key: unknown;
  id: string;
  value: unknown;
}

/**
 * A row just mapped: its key, as PouchDB returns it, is parsed back from the indexable string
 * only when asked, since most rows are stored or passed over without it (an index update
 * stores the string; a temporary view answers a few rows of many).
 */
export class MappedEntry implements ViewEntry {
  #key: unknown;
  #parsed = false;

  constructor(
    readonly indexKey: string,
    readonly id: string,
    readonly value: unknown,
  ) {}

  get key(): unknown {
    if (!this.#parsed) {
      this.#key = storedKey(this.indexKey);
      this.#parsed = true;
    }
    return this.#key;
  }
}
