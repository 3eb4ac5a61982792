import { type Satchel, stringMd5 } from '@satchel/core';
import type { Mapper } from './map-docs.js';
import type { ViewDefinition } from './types.js';
import { recordView } from './view-registry.js';

/** A design-doc view's index database, with the queue its updates and reads run in. */
export interface ViewIndex {
  name: string;
  db: Satchel;
  queue: Promise<unknown>;
  /** The view's compiled map function, kept across updates (compiling is not free). */
  mapper?: Mapper;
  /**
   * The source's write count (see core's `writeCounter`) when the index was last brought up
   * to date, and the seq it then reflected: while the count has not moved, an update has
   * nothing to read.
   */
  upToDate?: { writes: number; seq: number | string };
  /** The reads at the tail of the queue, run side by side (see {@link readInIndexQueue}). */
  readers?: ReadGroup;
}

/** Reads queued one after another with no update between them: they run together. */
interface ReadGroup {
  /** What the reads wait for: the queue's tail when the group began. */
  after: Promise<unknown>;
  /** Reads of the group not yet settled. */
  pending: number;
  /** Settles once every read of the group has; the queue's tail while the group is. */
  done: Promise<void>;
  finish(): void;
}

/** Each source database's open indexes, by view signature. */
const openIndexes = new WeakMap<Satchel, Map<string, Promise<ViewIndex>>>();

/**
 * The view's identity: its map and reduce source, so an edited view gets a new index. Built as
 * PouchDB builds it (the trailing `'undefined'` is its backwards-compatibility filler), so an
 * index database has the same name in both.
 */
function signature(view: ViewDefinition): string {
  const reduce = view.reduce ? String(view.reduce) : 'undefined';
  return `${String(view.map)}${reduce}undefined`;
}

/** Opens (creating it if needed) the index database and registers it as a dependent. */
async function createIndex(source: Satchel, fullViewName: string, sig: string): Promise<ViewIndex> {
  const info = await source.info();
  const name = `${info.db_name}-mrview-${stringMd5(sig)}`;
  await recordView(source, fullViewName, name);
  const { db } = await source.registerDependentDatabase(name);
  return { name, db, queue: Promise.resolve() };
}

/**
 * The index of a design-doc view, opened once per source database instance.
 * @param source - the source database.
 * @param fullViewName - `'ddoc/view'` as queried.
 * @param view - the view's definition.
 */
export function openViewIndex(
  source: Satchel,
  fullViewName: string,
  view: ViewDefinition,
): Promise<ViewIndex> {
  let indexes = openIndexes.get(source);
  if (!indexes) {
    indexes = new Map();
    openIndexes.set(source, indexes);
    const opened = indexes;
    // One listener per source, not per view: closing the database closes its index handles
    // (on LevelDB an open handle keeps the directory locked).
    source.once('closed', () => closeIndexes(opened));
  }
  const sig = signature(view);
  let index = indexes.get(sig);
  if (!index) {
    index = createIndex(source, fullViewName, sig);
    index.catch(() => indexes.delete(sig));
    indexes.set(sig, index);
  }
  return index;
}

/** Closes every opened index of a closed source database, after its queued work. */
function closeIndexes(indexes: Map<string, Promise<ViewIndex>>): void {
  for (const pending of indexes.values()) {
    pending.then((index) => index.queue.then(() => index.db.close())).catch(() => undefined);
  }
  indexes.clear();
}

/**
 * Forgets the open indexes of `source` stored in `name` (after `viewCleanup` destroyed it).
 * @param source - the source database.
 * @param name - the destroyed index database's name.
 */
export async function forgetIndex(source: Satchel, name: string): Promise<void> {
  const indexes = openIndexes.get(source);
  if (!indexes) return;
  for (const [sig, index] of indexes) {
    const opened = await index.catch(() => undefined);
    if (opened?.name === name) indexes.delete(sig);
  }
}

/**
 * Runs `task` after every earlier task of the same index, as PouchDB serialises a view's
 * updates and reads.
 * @param index - the view's index.
 * @param task - the work to run.
 */
export function inIndexQueue<T>(index: ViewIndex, task: () => Promise<T>): Promise<T> {
  const run = index.queue.then(task, task);
  index.queue = run.catch(() => undefined);
  return run;
}

/**
 * Runs `task`, which only reads the index, in its queue: after every update queued before it
 * and before every one queued after it, as {@link inIndexQueue}, but side by side with the
 * reads queued next to it (none of them writes, so none sees another half done). Parallel
 * queries of one view then wait for the store together rather than one after another.
 * @param index - the view's index.
 * @param task - the read.
 */
export function readInIndexQueue<T>(index: ViewIndex, task: () => Promise<T>): Promise<T> {
  let group = index.readers;
  if (!group || group.done !== index.queue || group.pending === 0) {
    let finish = () => {};
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    group = { after: index.queue, pending: 0, done, finish };
    index.readers = group;
    index.queue = done;
  }
  const joined = group;
  joined.pending++;
  const run = joined.after.then(task, task);
  const leave = () => {
    if (--joined.pending === 0) joined.finish();
  };
  run.then(leave, leave);
  return run;
}
