import type { DocRecord } from '@satchel/core';

/**
 * A document record as stored: its JSON, and its winning revision's JSON when the commit that
 * wrote the record wrote that revision too. Strings, because IndexedDB clones a string far
 * faster than a tree of objects, and `JSON.parse` is fast.
 */
export type StoredDoc = [record: string, winningBody?: string];

/** How many records (and, apart, bodies) the cache holds before it starts over. */
const MAX_ENTRIES = 20_000;

/**
 * What one commit changed in `docs`: keys written (with the value, when the writer was this
 * engine) and keys deleted.
 */
export interface DocsDelta {
  put: [key: string, stored?: StoredDoc][];
  deleted: string[];
}

/**
 * What this engine knows of the store as of one version token, so that reads and the read
 * before each write cost no IndexedDB transaction when they can be answered from memory:
 *
 * - document records by key (as stored), from this engine's own commits and from reads whose
 *   transaction saw the store at that very version;
 * - optionally every key of `docs` (read once with one `getAllKeys`), so that a missing
 *   document (every new one) is known missing without a read;
 * - revision bodies by `rev\0id`, which LocalAdapter never changes once written (kept until a
 *   commit deletes or rewrites them, whatever the version).
 *
 * Coherence rests on the version token: everything here describes the store at `version`, and
 * is only extended by facts read at that version or written by the commit that advanced it.
 * Any other version seen (another tab's commit, a refused commit, a reload) drops it all. A
 * stale cache can never make a write wrong anyway: the commit is checked against the version.
 */
export class DocCache {
  /** The store version everything cached describes; `undefined`: nothing is cached. */
  #version: string | undefined;
  readonly #records = new Map<string, StoredDoc>();
  #keys: Set<string> | undefined;
  readonly #bodies = new Map<string, string>();

  get version(): string | undefined {
    return this.#version;
  }

  /** Whether the set of every key is loaded (a missing key then means a missing document). */
  get knowsAllKeys(): boolean {
    return this.#keys !== undefined;
  }

  /** Forgets everything; the cache then describes `version` (nothing known of it yet). */
  reset(version?: string): void {
    this.#version = version;
    this.#records.clear();
    this.#bodies.clear();
    this.#keys = undefined;
  }

  /** The record stored under `key`: `null` if known absent, `undefined` if unknown. */
  lookup(key: string): StoredDoc | null | undefined {
    const hit = this.#records.get(key);
    if (hit) return hit;
    return this.#keys && !this.#keys.has(key) ? null : undefined;
  }

  /** Records read by a transaction that saw the store at `version`. */
  remember(version: string, entries: readonly [string, StoredDoc | undefined][]): void {
    if (version !== this.#version) return;
    this.#bound(this.#records, entries.length);
    for (const [key, stored] of entries) if (stored) this.#records.set(key, stored);
  }

  /** Every key of `docs`, read at `version`. */
  rememberKeys(version: string, keys: readonly string[]): void {
    if (version === this.#version) this.#keys = new Set(keys);
  }

  /**
   * The commit that moved the store from `from` to `to` and changed `docs` by `delta` (this
   * engine's commit, or another tab's it heard of), and wrote or deleted `bodies` (JSON given
   * only for this engine's own writes). Applied only on top of `from`; otherwise
   * what is cached is of unknown age and goes.
   */
  advance(
    from: string,
    to: string,
    delta: DocsDelta,
    bodies: readonly (readonly [key: string, json?: string])[],
  ): void {
    if (from !== this.#version) {
      this.reset(to);
      return;
    }
    this.#version = to;
    for (const key of delta.deleted) {
      this.#records.delete(key);
      this.#keys?.delete(key);
    }
    this.#bound(this.#records, delta.put.length);
    for (const [key, stored] of delta.put) {
      if (stored) this.#records.set(key, stored);
      else this.#records.delete(key);
      this.#keys?.add(key);
    }
    this.#bound(this.#bodies, bodies.length);
    for (const [key, json] of bodies) {
      if (json === undefined) this.#bodies.delete(key);
      else this.#bodies.set(key, json);
    }
  }

  /** Decodes a record, keeping its inline winning body for the body read that usually follows. */
  decode(stored: StoredDoc): DocRecord {
    const record = JSON.parse(stored[0]) as DocRecord;
    if (stored[1] !== undefined) this.keepBody(record.id, record.winningRev, stored[1]);
    return record;
  }

  /** Keeps the JSON of revision `rev` of `id` (bodies never change, whatever the version). */
  keepBody(id: string, rev: string, json: string): void {
    this.#bound(this.#bodies, 1);
    this.#bodies.set(bodyKey(id, rev), json);
  }

  /** The JSON of revision `rev` of `id`, if known. */
  body(id: string, rev: string): string | undefined {
    return this.#bodies.get(bodyKey(id, rev));
  }

  #bound(map: Map<string, unknown>, adding: number): void {
    if (map.size + adding > MAX_ENTRIES) map.clear();
  }
}

/** The cache key of a revision body. */
export function bodyKey(id: string, rev: string): string {
  return `${rev}\u0000${id}`;
}
