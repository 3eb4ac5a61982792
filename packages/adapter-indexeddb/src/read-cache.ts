import type { DocRecord } from '@satchel/core';

/**
 * A document record as stored: its JSON, and its winning revision's JSON when the commit that
 * wrote the record wrote that revision too. Strings, because IndexedDB clones a string far
 * faster than a tree of objects, and `JSON.parse` is fast.
 */
export type StoredDoc = [record: string, winningBody?: string];

/** How many bodies the cache holds at most before it starts over. */
const MAX_ENTRIES = 20_000;

/**
 * LocalAdapter reads a document record and then, at once, its winning revision's body: `get`,
 * `allDocs({include_docs})`, `changes({include_docs})`. Document records carry that body
 * inline (written in the same commit), and the read keeps it here until the body is asked for,
 * so the second read costs no IndexedDB transaction. Revision bodies never change, so a kept
 * body can only be stale if the revision was purged meanwhile; every commit and every outside
 * write clears the cache anyway.
 */
export class ReadCache {
  readonly #bodies = new Map<string, string>();

  /** Decodes records just read, keeping their winning bodies for the read that follows. */
  absorb<T extends StoredDoc | undefined>(
    stored: readonly T[],
  ): (DocRecord | Exclude<T, StoredDoc>)[] {
    if (this.#bodies.size + stored.length > MAX_ENTRIES) this.#bodies.clear();
    return stored.map((value) => {
      if (value === undefined) return value as Exclude<T, StoredDoc>;
      const record = JSON.parse(value[0]) as DocRecord;
      const body = value[1];
      if (body !== undefined) this.#bodies.set(cacheKey(record.id, record.winningRev), body);
      return record;
    });
  }

  /** The JSON of revision `rev` of `id` if a recent read brought it. */
  body(id: string, rev: string): string | undefined {
    return this.#bodies.get(cacheKey(id, rev));
  }

  clear(): void {
    this.#bodies.clear();
  }
}

function cacheKey(id: string, rev: string): string {
  return `${rev}\u0000${id}`;
}
