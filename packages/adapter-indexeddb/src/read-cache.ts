import type { DocRecord } from '@satchel/core';

/** A document record as stored: with its winning revision's JSON inline when known. */
export type StoredDoc = DocRecord & { [WINNING_BODY]?: string };

/** The field of a stored document record holding its winning revision's JSON. */
export const WINNING_BODY = '_winningBody';

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

  /** Takes the inline body off records just read (callers never see the field). */
  absorb(records: readonly (StoredDoc | undefined)[]): void {
    if (this.#bodies.size + records.length > MAX_ENTRIES) this.#bodies.clear();
    for (const record of records) {
      const body = record?.[WINNING_BODY];
      if (body === undefined) continue;
      this.#bodies.set(cacheKey(record!.id, record!.winningRev), body);
      delete record![WINNING_BODY];
    }
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
