import type { AbstractLevel } from 'abstract-level';
import { type Key, keyBytes } from './key-codec.js';

/** A store read with text keys by default and values of type `V`. */
type Store<V> = AbstractLevel<string | Uint8Array, string, V>;

/** Options that read a binary key (one whose text holds a lone surrogate). */
const BINARY_KEY = { keyEncoding: 'view' } as const;

/**
 * Above this many keys one async `getMany` beats a loop of `getSync` (measured on
 * classic-level: `getSync` wins clearly at 100 keys, `getMany` at 500); it also keeps a large
 * read from blocking the event loop.
 */
const SYNC_MAX = 200;

/**
 * Values of `keys`, `undefined` where absent. Small reads use `getSync` where the database
 * supports it: a LevelDB lookup is about a microsecond, an async round trip tens of them.
 */
export async function readMany<V>(
  store: Store<V>,
  keys: readonly Key[],
): Promise<(V | undefined)[]> {
  const now = readManyNow(store, keys);
  if (now) return now;
  if (keys.every((key) => typeof key === 'string')) return store.getMany(keys as string[]);
  return store.getMany<Uint8Array, V>(keys.map(keyBytes), BINARY_KEY);
}

/**
 * {@link readMany} without waiting: the values when they can be read synchronously (`getSync`,
 * few keys), else `undefined` (the caller then awaits `readMany`).
 */
export function readManyNow<V>(
  store: Store<V>,
  keys: readonly Key[],
): (V | undefined)[] | undefined {
  if (keys.length === 0) return [];
  if (keys.length > SYNC_MAX || !supportsGetSync(store)) return undefined;
  const values: (V | undefined)[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) values[i] = readSync(store, keys[i]!);
  return values;
}

/** The value of one key, or `undefined`; `getSync` where supported. */
export async function readOne<V>(store: Store<V>, key: Key): Promise<V | undefined> {
  if (supportsGetSync(store)) return readSync(store, key);
  return typeof key === 'string' ? store.get(key) : store.get<Uint8Array, V>(key, BINARY_KEY);
}

/** The value of one key read synchronously; only where {@link supportsGetSync}. */
export function readSync<V>(store: Store<V>, key: Key): V | undefined {
  return typeof key === 'string'
    ? store.getSync(key)
    : store.getSync<Uint8Array, V>(key, BINARY_KEY);
}

/** Whether `store` implements `getSync` (abstract-level 3; its manifest type predates it). */
export function supportsGetSync(store: { readonly supports: object }): boolean {
  return (store.supports as { getSync?: boolean }).getSync === true;
}
