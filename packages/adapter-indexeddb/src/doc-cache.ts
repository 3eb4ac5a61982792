import type { DocRecord, SeqEntry } from '@satchel/core';
import type { StoredLocal } from './idb-schema.js';
import type { KeyRange } from './key-ranges.js';
import { lowerIndex, type OrderedKey, SortedKeys } from './sorted-keys.js';

/**
 * A document record as stored: its JSON, and (format 2) its winning revision's body JSON with
 * that revision, when the record holds it (the body is then nowhere else; see `writeDocs`).
 * Format 1 records are `[record, body]`, the body also in `revs`. Strings, because IndexedDB
 * clones a string far faster than a tree of objects, and `JSON.parse` is fast.
 */
export type StoredDoc = [record: string, winningBody?: string, bodyRev?: string] & {
  /** The by-seq entry the record carries, indexed (see `SeqWriter`); kept by structured clone. */
  seq?: number;
};

/** How many values (per store, and bodies apart) the cache holds before it starts over. */
const MAX_ENTRIES = 20_000;

/**
 * What one commit changed in one store: keys written (with the value, when the writer was this
 * engine) and keys deleted.
 */
export interface StoreDelta<V, K extends OrderedKey = string> {
  put: [key: K, value?: V][];
  deleted: K[];
}

/** What one commit changed, as the cache follows it. */
export interface CacheChange {
  docs: StoreDelta<StoredDoc>;
  locals: StoreDelta<StoredLocal>;
  /** By-sequence entries; absent in a message that does not say (the cache then drops them). */
  seqs?: StoreDelta<SeqEntry, number>;
  /** Revision bodies written (with their JSON, from this engine) or deleted, by `bodyKey`. */
  bodies: [key: string, json?: string][];
}

/**
 * Values of one store by key, and optionally the set of every key in it (then also in store
 * order, so that a range whose values are all here is scanned without a read).
 */
export class StoreCache<V, K extends OrderedKey = string> {
  readonly values = new Map<K, V>();
  /** Keys known absent (read and not found, or deleted), when every key is not known. */
  readonly #absent = new Set<K>();
  #keys: Set<K> | undefined;
  #order = new SortedKeys<K>();
  /**
   * The store was found to hold too many keys to keep them all: reading every key again is
   * not worth it (until the cache starts over).
   */
  tooManyKeys = false;

  /** Every key of the store, when known. */
  get keys(): ReadonlySet<K> | undefined {
    return this.#keys;
  }

  /** Learns every key of the store. */
  learnKeys(keys: Iterable<K>): void {
    this.#keys = new Set(keys);
    this.#order = new SortedKeys<K>();
    for (const key of this.#keys) this.#order.add(key);
  }

  /** The value under `key`: `null` if known absent, `undefined` if unknown. */
  lookup(key: K): V | null | undefined {
    const hit = this.values.get(key);
    if (hit !== undefined) return hit;
    if (this.#keys) return this.#keys.has(key) ? undefined : null;
    return this.#absent.has(key) ? null : undefined;
  }

  /** Values read, `undefined` for keys found absent. */
  remember(entries: readonly (readonly [K, V | undefined])[]): void {
    bound(this.values, entries.length);
    bound(this.#absent, entries.length);
    for (const [key, value] of entries) {
      if (value === undefined) this.#absent.add(key);
      else {
        this.values.set(key, value);
        this.#absent.delete(key);
      }
    }
  }

  apply(delta: StoreDelta<V, K>): void {
    bound(this.#absent, delta.deleted.length);
    for (const key of delta.deleted) {
      this.values.delete(key);
      this.#absent.add(key);
      if (this.#keys?.delete(key)) this.#order.remove();
    }
    bound(this.values, delta.put.length);
    for (const [key, value] of delta.put) {
      this.#absent.delete(key);
      if (value === undefined) this.values.delete(key);
      else this.values.set(key, value);
      if (this.#keys && !this.#keys.has(key)) {
        this.#keys.add(key);
        this.#order.add(key);
      }
    }
  }

  /**
   * The values in `range`, in store order (reversed if asked), at most `limit` (negative: no
   * bound); `undefined` unless every key and every value it covers is known.
   */
  scan(range: KeyRange, reverse?: boolean, limit?: number): V[] | undefined {
    if (!this.#keys) return undefined;
    if (range === null || limit === 0) return [];
    const sorted = this.#order.ordered(this.#keys);
    let from = 0;
    let to = sorted.length;
    if (range?.lower !== undefined) from = lowerIndex(sorted, range.lower as K, range.lowerOpen);
    if (range?.upper !== undefined) to = lowerIndex(sorted, range.upper as K, !range.upperOpen);
    const count = limit === undefined || limit < 0 ? to - from : Math.min(limit, to - from);
    const out: V[] = new Array(Math.max(0, count));
    for (let i = 0; i < count; i++) {
      const value = this.values.get(sorted[reverse ? to - 1 - i : from + i]!);
      if (value === undefined) return undefined;
      out[i] = value;
    }
    return out;
  }

  clear(): void {
    this.values.clear();
    this.#absent.clear();
    this.tooManyKeys = false;
    this.#keys = undefined;
    this.#order = new SortedKeys<K>();
  }
}

function bound(map: Map<OrderedKey, unknown> | Set<OrderedKey>, adding: number): void {
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
  readonly locals = new StoreCache<StoredLocal>();
  readonly seqs = new StoreCache<SeqEntry, number>();
  readonly #bodies = new Map<string, string>();

  get version(): string | undefined {
    return this.#version;
  }

  /** Forgets everything; the cache then describes `version` (nothing known of it yet). */
  reset(version?: string): void {
    this.#version = version;
    this.docs.clear();
    this.locals.clear();
    this.seqs.clear();
    this.#bodies.clear();
  }

  /** The store at the current version is known to be empty: every key (none) is known. */
  empty(): void {
    this.docs.learnKeys([]);
    this.locals.learnKeys([]);
    this.seqs.learnKeys([]);
  }

  /**
   * Values read from `store` by a transaction that saw the store at `version`, and every key
   * of it when that was read too.
   */
  remember<V, K extends OrderedKey>(
    store: StoreCache<V, K>,
    version: string,
    entries: readonly (readonly [K, V | undefined])[],
    keys?: readonly K[],
  ): void {
    if (version !== this.#version) return;
    if (keys) store.learnKeys(keys);
    store.remember(entries);
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
    if (change.seqs) this.seqs.apply(change.seqs);
    else this.seqs.clear();
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
