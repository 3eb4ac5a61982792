import { type Satchel, stringMd5, upsertLocal } from '@satchel/core';
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
  /**
   * The source's write count (see core's `writeCounter`) when the index was last brought up
   * to date: while it has not moved, an update has nothing to read.
   */
  upToDateAt?: number;
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
  return { name, db, keyOf: createKeyOf(map) };
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

/** Where core records a database's dependents (PouchDB's document). */
const DEPENDENTS_ID = '_local/_pouch_dependentDbs';

/**
 * Destroys the companion databases of indexes that no longer exist (deleted with `deleteIndex`,
 * or their design doc removed or edited some other way), as pouchdb-find's `viewCleanup` does,
 * and drops them from the source's list of dependents.
 * @param source - the source database.
 * @param live - the signatures of the indexes that exist.
 */
export async function destroyUnusedIndexes(source: Satchel, live: Set<string>): Promise<void> {
  const info = await source.info();
  const keep = new Set([...live].map((signature) => companionName(info.db_name, signature)));
  const prefix = `${info.db_name}-mango-`;
  const unused = new Set(
    (await dependents(source)).filter((name) => name.startsWith(prefix) && !keep.has(name)),
  );
  if (unused.size === 0) return;
  const open = openIndexes.get(source);
  for (const [signature, opening] of open ?? []) {
    const index = await opening.catch(() => undefined);
    if (!index || !unused.has(index.name)) continue;
    open?.delete(signature);
    unused.delete(index.name);
    await inIndexQueue(index, () => index.db.destroy());
  }
  const Ctor = source.constructor as new (name: string, opts: object) => Satchel;
  const opts = { ...source.__opts, name: undefined } as Record<string, unknown>;
  if (opts.view_adapter) opts.adapter = opts.view_adapter;
  for (const name of unused) await new Ctor(name, opts).destroy();
  await upsertLocal(source, DEPENDENTS_ID, (doc) => {
    const deps = { ...((doc.dependentDbs as Record<string, boolean> | undefined) ?? {}) };
    for (const name of Object.keys(deps))
      if (name.startsWith(prefix) && !keep.has(name)) delete deps[name];
    doc.dependentDbs = deps;
    return true;
  });
}

async function dependents(source: Satchel): Promise<string[]> {
  try {
    const doc = (await source.get(DEPENDENTS_ID)) as { dependentDbs?: Record<string, boolean> };
    return Object.keys(doc.dependentDbs ?? {});
  } catch (err) {
    if ((err as { status?: number }).status !== 404) throw err;
    return [];
  }
}

/**
 * The tail of each companion's task queue, by companion name: handles of one database opened
 * twice in a process share the storage, so their updates must not interleave (two updaters
 * of one index would both write the same batch).
 */
const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every earlier task of the same index (from any handle of its source).
 * @param index - the index.
 * @param task - the work.
 */
export function inIndexQueue<T>(index: MangoIndex, task: () => Promise<T>): Promise<T> {
  const tail = queues.get(index.name) ?? Promise.resolve();
  const run = tail.then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(index.name, settled);
  // Forget an idle queue so closed databases leave nothing behind.
  settled.then(() => {
    if (queues.get(index.name) === settled) queues.delete(index.name);
  });
  return run;
}
