import { collate, normalizeKey, toIndexableString } from '@satchel/core';
import { mapFunction } from './map-function.js';
import { storedKey, storedValue } from './stored-form.js';
import type { MapFunction } from './types.js';
import type { ViewEntry } from './view-entry.js';

/** An emitted key and value, before indexing. */
interface Emitted {
  key: unknown;
  value: unknown;
}

/** Orders one document's emits by key, then value, as PouchDB does before indexing them. */
function byKeyThenValue(x: Emitted, y: Emitted): number {
  return collate(x.key, y.key) || collate(x.value, y.value);
}

/** Gives one document's sorted emits their indexable strings, de-duplicating repeated keys. */
function indexEmits(id: string, emitted: Emitted[]): ViewEntry[] {
  emitted.sort(byKeyThenValue);
  return emitted.map((row, i) => {
    const complexKey: unknown[] = [row.key, id];
    const previous = emitted[i - 1];
    if (previous !== undefined && collate(row.key, previous.key) === 0) complexKey.push(i);
    const indexKey = toIndexableString(complexKey);
    return { indexKey, key: storedKey(indexKey), id, value: storedValue(row.value) };
  });
}

/** Compares two entries by their indexable strings (the view's order). */
function byIndexKey(a: ViewEntry, b: ViewEntry): number {
  return a.indexKey < b.indexKey ? -1 : a.indexKey > b.indexKey ? 1 : 0;
}

/** Maps documents to view rows in view order; see {@link createMapper}. */
export type Mapper = (docs: Iterable<Record<string, unknown>>) => ViewEntry[];

/**
 * Compiles a map function once and returns a mapper: it runs the function over documents and
 * returns the view's rows in view order (key, then doc id). Design documents and deleted
 * documents emit nothing. A map function that throws is reported through `onError` and the
 * document is skipped: PouchDB on Node runs source functions in a VM and keeps their emits only
 * when the call returns, so a throw drops them all; a two-argument function is called directly
 * with `emit`, so (as there) what it emitted before throwing is kept.
 * @param map - the map function or its source.
 * @param onError - receives what a map function throws.
 */
export function createMapper(map: MapFunction | string, onError: (err: unknown) => void): Mapper {
  let emitted: Emitted[] = [];
  const keepPartial = typeof map === 'function' && map.length === 2;
  const emit = (key: unknown, value: unknown) => {
    emitted.push({ key: normalizeKey(key), value: value == null ? null : normalizeKey(value) });
  };
  // Compiled on first use: a sandbox context costs milliseconds, and most index updates
  // before a query find no change to map.
  let compiled: ((doc: Record<string, unknown>) => void) | undefined;
  return (docs) => {
    const entries: ViewEntry[] = [];
    for (const doc of docs) {
      const id = doc._id as string;
      if (id.startsWith('_') || doc._deleted) continue;
      emitted = [];
      compiled ??= mapFunction(map, emit);
      try {
        compiled(doc);
      } catch (err) {
        if (!keepPartial) emitted = [];
        onError(err);
      }
      // A loop, not push(...rows): a document may emit more rows than a call takes arguments.
      for (const entry of indexEmits(id, emitted)) entries.push(entry);
    }
    return entries.sort(byIndexKey);
  };
}
