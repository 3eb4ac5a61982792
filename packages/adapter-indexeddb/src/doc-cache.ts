import type { DocRecord, LocalRecord } from '@satchel/core';

/**
 * A document record as stored: its JSON, and its winning revision's JSON when the commit that
 * wrote the record wrote that revision too. Strings, because IndexedDB clones a string far
 * faster than a tree of objects, and `JSON.parse` is fast.
 */
export type StoredDoc = [record: string, winningBody?: string];

/** How many values (per store, and bodies apart) the cache holds before it starts over. */
const MAX_ENTRIES = 20_000;

/**
 * What one commit changed in one store: keys written (with the value, when the writer was this
 * engine) and keys deleted.
 */
export interface StoreDelta<V> {
  put: [key: string, value?: V][];
  deleted: string[];
}

/** What one commit changed, as the cache follows it. */
export interface CacheChange {
  docs: StoreDelta<StoredDoc>;
  locals: StoreDelta<LocalRecord>;
  /** Revision bodies written (with their JSON, from this engine) or deleted, by `bodyKey`. */
  bodies: [key: string, json?: string][];
}

/** Values of one store by key, and optionally the set of every key in it. */
export class StoreCache<V> {
  readonly values = new Map<string, V>();
  keys: Set<string> | undefined;

  /** The value under `key`: `null` if known absent, `undefined` if unknown. */
  lookup(key: string): V | null | undefined {
    const hit = this.values.get(key);
    if (hit !== undefined) return hit;
    return this.keys && !this.keys.has(key) ? null : undefined;
  }

  remember(entries: readonly (readonly [string, V | undefined])[]): void {
    bound(this.values, entries.length);
    for (const [key, value] of entries) if (value !== undefined) this.values.set(key, value);
  }

  apply(delta: StoreDelta<V>): void {
    for (const key of delta.deleted) {
      this.values.delete(key);
      this.keys?.delete(key);
    }
    bound(this.values, delta.put.length);
    for (const [key, value] of delta.put) {
      if (value === undefined) this.values.delete(key);
      else this.values.set(key, value);
      this.keys?.add(key);
    }
  }

  clear(): void {
    this.values.clear();
    this.keys = undefined;
  }
}

function bound(map: Map<string, unknown>, adding: number): void {
  if (map.size + adding > MAX_ENTRIES) map.clear();
}

/**
 * What this engine knows of the store as of one version token, so that reads and the reads
 * every write starts with cost no IndexedDB transaction when memory can answer:
 *
 * - document records and `_local/` documents by key, from this engine's own commits and from
 *   reads whose transaction saw the store at that very version;
 * - optionally every key of `docs` and of `locals` (read once with one `getAllKeys`), so that a
 *   missing document (every new one) is known missing without a read;
 * - revision bodies by `rev\0id`, which LocalAdapter never changes once written (kept until a
 *   commit deletes or rewrites them).
 *
 * Coherence rests on the version token: everything here describes the store at `version`, and
 * is only extended by facts read at that version or by the commit that advanced it. Any other
 * version seen (another tab's commit not heard of, a refused commit, a reload) drops it all. A
 * stale cache can never make a write wrong anyway: the commit is checked against the version.
 */
export class DocCache {
  /** The store version everything cached describes; `undefined`: nothing is cached. */
  #version: string | undefined;
  readonly docs = new StoreCache<StoredDoc>();
  readonly locals = new StoreCache<LocalRecord>();
  readonly #bodies = new Map<string, string>();

  get version(): string | undefined {
    return this.#version;
  }

  /** Forgets everything; the cache then describes `version` (nothing known of it yet). */
  reset(version?: string): void {
    this.#version = version;
    this.docs.clear();
    this.locals.clear();
    this.#bodies.clear();
  }

  /**
   * Values read from `store` by a transaction that saw the store at `version`, and every key
   * of it when that was read too.
   */
  remember<V>(
    store: StoreCache<V>,
    version: string,
    entries: readonly (readonly [string, V | undefined])[],
    keys?: readonly string[],
  ): void {
    if (version !== this.#version) return;
    store.remember(entries);
    if (keys) store.keys = new Set(keys);
  }

  /**
   * The commit that moved the store from `from` to `to` (this engine's, or another tab's it
   * heard of). Applied only on top of `from`; otherwise what is cached is of unknown age and
   * goes.
   */
  advance(from: string, to: string, change: CacheChange): void {
    if (from !== this.#version) {
      this.reset(to);
      return;
    }
    this.#version = to;
    this.docs.apply(change.docs);
    this.locals.apply(change.locals);
    bound(this.#bodies, change.bodies.length);
    for (const [key, json] of change.bodies) {
      if (json === undefined) this.#bodies.delete(key);
      else this.#bodies.set(key, json);
    }
  }

  /** Decodes a record, keeping its inline winning body for the body read that usually follows. */
  decode(stored: StoredDoc): DocRecord {
    const record = JSON.parse(stored[0]) as DocRecord;
    if (stored[1] !== undefined) {
      bound(this.#bodies, 1);
      this.#bodies.set(bodyKey(record.id, record.winningRev), stored[1]);
    }
    return record;
  }

  /** The JSON of revision `rev` of `id`, if known. */
  body(id: string, rev: string): string | undefined {
    return this.#bodies.get(bodyKey(id, rev));
  }
}

/** The cache key of a revision body. */
export function bodyKey(id: string, rev: string): string {
  return `${rev}\u0000${id}`;
}
