import type { AbstractLevel } from 'abstract-level';

/** A store read with its default encodings: keys of type `K`, values of type `V`. */
type Store<K, V> = AbstractLevel<string | Uint8Array, K, V>;

/**
 * Above this many keys one async `getMany` beats a loop of `getSync` (it also keeps a large
 * read from blocking the event loop for long).
 */
const SYNC_MAX = 64;

/**
 * Values of `keys`, `undefined` where absent. Small reads use `getSync` where the database
 * supports it: a LevelDB lookup is about a microsecond, the async round trip tens of them.
 */
export async function readMany<K, V>(store: Store<K, V>, keys: K[]): Promise<(V | undefined)[]> {
  if (keys.length === 0) return [];
  if (keys.length <= SYNC_MAX && store.supports.getSync) {
    return keys.map((key) => store.getSync(key));
  }
  return store.getMany(keys);
}

/** The value of one key, or `undefined`; `getSync` where supported. */
export async function readOne<K, V>(store: Store<K, V>, key: K): Promise<V | undefined> {
  return store.supports.getSync ? store.getSync(key) : store.get(key);
}
