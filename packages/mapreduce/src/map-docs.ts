import { collate, normalizeKey, parseIndexableString, toIndexableString } from '@satchel/core';
import type { MapBatch } from './map-batch.js';
import { mapFunction } from './map-function.js';
import { viewSandbox } from './sandbox.js';
import { storedValue } from './stored-form.js';
import type { MapFunction } from './types.js';
import { MappedEntry, type ViewEntry } from './view-entry.js';

/** An emitted key and value, before indexing. */
interface Emitted {
  key: unknown;
  value: unknown;
}

/** Orders one document's emits by key, then value, as PouchDB does before indexing them. */
function byKeyThenValue(x: Emitted, y: Emitted): number {
  return collate(x.key, y.key) || collate(x.value, y.value);
}

/**
 * What `toIndexableString` writes for the rank of a function, symbol or bigint. Only such a
 * key puts it where a rank belongs; a string holding the word is told apart by parsing.
 */
const NO_RANK = 'undefined';

/** Refuses a key JSON has no form for: stored, it could never be read back. */
function checkIndexable(indexKey: string): void {
  if (!indexKey.includes(NO_RANK)) return;
  try {
    parseIndexableString(indexKey);
  } catch {
    throw new TypeError('Cannot index a key that is not JSON (a function, symbol or bigint)');
  }
}

/** Gives one document's sorted emits their indexable strings, de-duplicating repeated keys. */
function indexEmits(id: string, emitted: Emitted[]): ViewEntry[] {
  emitted.sort(byKeyThenValue);
  return emitted.map((row, i) => {
    const complexKey: unknown[] = [row.key, id];
    const previous = emitted[i - 1];
    if (previous !== undefined && collate(row.key, previous.key) === 0) complexKey.push(i);
    const indexKey = toIndexableString(complexKey);
    checkIndexable(indexKey);
    return new MappedEntry(indexKey, id, storedValue(row.value));
  });
}

/**
 * One document's rows; none when what it emitted has no JSON form (a circular structure, a
 * bigint, a function key, a `toJSON` that throws). That is reported through `onError` like a
 * map function that throws, as PouchDB skips such a document, so one bad document cannot
 * fail every query of the view.
 */
function documentEntries(
  id: string,
  emitted: Emitted[],
  onError: (err: unknown) => void,
): ViewEntry[] {
  try {
    return indexEmits(id, emitted);
  } catch (err) {
    onError(err);
    return [];
  }
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
 * @param shared - for a temporary view: a sandbox compiled lately for the same source may
 *   serve (see `ViewSandbox.mapBatch`).
 */
export function createMapper(
  map: MapFunction | string,
  onError: (err: unknown) => void,
  shared = false,
): Mapper {
  // Chosen on first use: a sandbox context costs milliseconds, and most index updates before
  // a query find no change to map.
  let mapper: Mapper | undefined;
  return (docs) => {
    const mapped = [...docs].filter(isMapped);
    if (mapped.length === 0) return [];
    mapper ??= chooseMapper(map, onError, shared);
    return mapper(mapped);
  };
}

/** The sandboxed batch form where Node's VM can run the function, else one call a document. */
function chooseMapper(
  map: MapFunction | string,
  onError: (err: unknown) => void,
  shared: boolean,
): Mapper {
  const twoArgs = typeof map === 'function' && map.length === 2;
  const batch = twoArgs ? undefined : viewSandbox()?.mapBatch(map.toString(), shared);
  return batch ? batchMapper(batch, onError) : perCallMapper(map, onError);
}

/** Whether a document is mapped at all: design and deleted documents emit nothing. */
function isMapped(doc: Record<string, unknown>): boolean {
  return !(doc._id as string).startsWith('_') && !doc._deleted;
}

/** Collects emits with PouchDB's key normalisation. */
function collector(): { emitted: Emitted[]; emit: (key: unknown, value: unknown) => void } {
  const state = {
    emitted: [] as Emitted[],
    emit: (key: unknown, value: unknown) => {
      state.emitted.push({
        key: normalizeKey(key),
        value: value == null ? null : normalizeKey(value),
      });
    },
  };
  return state;
}

/**
 * Normalises a document's emits from the sandbox into `rows`. False (reported, nothing kept)
 * when a key or value cannot be normalised (a circular structure).
 */
function collectEmits(
  rows: ReturnType<typeof collector>,
  emits: [unknown, unknown][],
  onError: (err: unknown) => void,
): boolean {
  try {
    for (const [key, value] of emits) rows.emit(key, value);
    return true;
  } catch (err) {
    onError(err);
    return false;
  }
}

/** Maps through the sandbox a chunk of documents at a time (see `sandboxedMapBatch` in `map-batch.ts`). */
function batchMapper(batch: MapBatch, onError: (err: unknown) => void): Mapper {
  return (docs) => {
    const mapped = [...docs];
    const results = batch(mapped);
    const entries: ViewEntry[] = [];
    const rows = collector();
    mapped.forEach((doc, i) => {
      const result = results[i];
      rows.emitted = [];
      if (result && 'error' in result) onError(result.error);
      else if (!collectEmits(rows, result?.emits ?? [], onError)) return;
      for (const entry of documentEntries(doc._id as string, rows.emitted, onError)) {
        entries.push(entry);
      }
    });
    return entries.sort(byIndexKey);
  };
}

/** Calls the map function once per document (two-argument functions, browsers, CSP). */
function perCallMapper(map: MapFunction | string, onError: (err: unknown) => void): Mapper {
  const keepPartial = typeof map === 'function' && map.length === 2;
  const rows = collector();
  const compiled = mapFunction(map, rows.emit);
  return (docs) => {
    const entries: ViewEntry[] = [];
    for (const doc of docs) {
      rows.emitted = [];
      try {
        compiled(doc);
      } catch (err) {
        if (!keepPartial) rows.emitted = [];
        onError(err);
      }
      // A loop, not push(...rows): a document may emit more rows than a call takes arguments.
      for (const entry of documentEntries(doc._id as string, rows.emitted, onError)) {
        entries.push(entry);
      }
    }
    return entries.sort(byIndexKey);
  };
}
