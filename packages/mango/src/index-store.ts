import { type Satchel, stringMd5 } from '@satchel/core';
import { createKeyOf, type KeyOf, type MapDefinition } from './index-key.js';

/**
 * A Mango index's storage: a companion database (opened through the source's adapter, and
 * registered as dependent so it is destroyed with the source) holding one row per indexed
 * document under `toIndexableString([key, docId])`, so an `allDocs` range over it is the index
 * in CouchDB view order; plus, under `~<docId>`, the row each document has, and in
 * `_local/mango-seq` the source sequence the index reflects.
 */
export interface MangoIndex {
  /** The companion database's name. */
  name: string;
  db: Satchel;
  keyOf: KeyOf;
  /** Updates and reads of one index run one after the other. */
  queue: Promise<unknown>;
}

/** Each source database's open indexes, by signature. */
const openIndexes = new WeakMap<Satchel, Map<string, Promise<MangoIndex>>>();

/**
 * The identity of an index: its design doc, name and definition, so a view recreated with
 * other fields gets a fresh companion database.
 */
export function indexSignature(ddocId: string, viewName: string, map: MapDefinition): string {
  return JSON.stringify([ddocId, viewName, map.fields, map.partial_filter_selector ?? null]);
}

/**
 * The companion database name of an index.
 * @param dbName - the source's `info().db_name`.
 * @param signature - from {@link indexSignature}.
 */
export function companionName(dbName: string, signature: string): string {
  return `${dbName}-mango-${stringMd5(signature)}`;
}

async function openCompanion(
  source: Satchel,
  signature: string,
  map: MapDefinition,
): Promise<MangoIndex> {
  const info = await source.info();
  const name = companionName(info.db_name, signature);
  const { db } = await source.registerDependentDatabase(name);
  return { name, db, keyOf: createKeyOf(map), queue: Promise.resolve() };
}

/**
 * The index of view `viewName` of design doc `ddocId`, opened once per source instance.
 * @param source - the source database.
 * @param ddocId - `'_design/…'`.
 * @param viewName - the index name.
 * @param map - the view's `map` (fields and partial filter).
 */
export function openIndex(
  source: Satchel,
  ddocId: string,
  viewName: string,
  map: MapDefinition,
): Promise<MangoIndex> {
  let indexes = openIndexes.get(source);
  if (!indexes) {
    indexes = new Map();
    openIndexes.set(source, indexes);
  }
  const signature = indexSignature(ddocId, viewName, map);
  let index = indexes.get(signature);
  if (!index) {
    index = openCompanion(source, signature, map);
    const opened = indexes;
    index.catch(() => opened.delete(signature));
    indexes.set(signature, index);
  }
  return index;
}

/**
 * Destroys the companion database of an index (after `deleteIndex`) and forgets it.
 * @param source - the source database.
 * @param ddocId - `'_design/…'`.
 * @param viewName - the index name.
 * @param map - the deleted view's `map`.
 */
export async function destroyIndex(
  source: Satchel,
  ddocId: string,
  viewName: string,
  map: MapDefinition,
): Promise<void> {
  const index = await openIndex(source, ddocId, viewName, map);
  openIndexes.get(source)?.delete(indexSignature(ddocId, viewName, map));
  await inIndexQueue(index, () => index.db.destroy());
}

/**
 * Runs `task` after every earlier task of the same index.
 * @param index - the index.
 * @param task - the work.
 */
export function inIndexQueue<T>(index: MangoIndex, task: () => Promise<T>): Promise<T> {
  const run = index.queue.then(task, task);
  index.queue = run.catch(() => undefined);
  return run;
}
