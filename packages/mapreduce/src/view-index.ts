import { type Satchel, stringMd5 } from '@satchel/core';
import type { Mapper } from './map-docs.js';
import type { ViewDefinition } from './types.js';
import { recordView } from './view-registry.js';

/** A design-doc view's index database, with the queue its updates and reads run in. */
export interface ViewIndex {
  name: string;
  db: Satchel;
  /** The index's queue, shared by every handle of its source (see {@link laneOf}). */
  lane: Lane;
  /** The view's compiled map function, kept across updates (compiling is not free). */
  mapper?: Mapper;
  /**
   * The source's write count (see core's `writeCounter`) when the index was last brought up
   * to date, and the seq it then reflected: while the count has not moved, an update has
   * nothing to read.
   */
  upToDate?: { writes: number; seq: number | string };
}

/** The queue an index's updates and reads run in. */
interface Lane {
  queue: Promise<unknown>;
  /** The reads at the tail of the queue, run side by side (see {@link readInIndexQueue}). */
  readers?: ReadGroup;
  /** Tasks queued and not yet settled: an idle lane is forgotten. */
  tasks: number;
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

/**
 * The queues of the indexes with work queued, by index database name. Two handles of one
 * database opened in a process share its storage and so its indexes: were their updates not
 * queued together, both would write the same rows and checkpoint (and one fail with a
 * conflict). PouchDB queues a view's work by index name likewise.
 */
const lanes = new Map<string, Lane>();

/** The queue of the index stored in `name` (one per name while it has work queued). */
function laneOf(name: string): Lane {
  let lane = lanes.get(name);
  if (!lane) {
    lane = { queue: Promise.resolve(), tasks: 0 };
    lanes.set(name, lane);
  }
  return lane;
}

/** Counts a task into the lane of `name` until `run` settles (then an idle lane is dropped). */
function track(name: string, lane: Lane, run: Promise<unknown>): void {
  lane.tasks++;
  const leave = () => {
    if (--lane.tasks === 0 && lanes.get(name) === lane) lanes.delete(name);
  };
  run.then(leave, leave);
}

/** Opens (creating it if needed) the index database and registers it as a dependent. */
async function createIndex(source: Satchel, fullViewName: string, sig: string): Promise<ViewIndex> {
  const info = await source.info();
  const name = `${info.db_name}-mrview-${stringMd5(sig)}`;
  await recordView(source, fullViewName, name);
  const { db } = await source.registerDependentDatabase(name);
  return {
    name,
    db,
    get lane() {
      return laneOf(name);
    },
  };
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
    pending.then((index) => inIndexQueue(index, () => index.db.close())).catch(() => undefined);
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
  return inNamedIndexQueue(index.name, task);
}

/**
 * Runs `task` in the queue of the index stored in database `name` (as {@link inIndexQueue}),
 * for work on an index no handle has open, such as `viewCleanup` destroying it: a query
 * building it then finishes first, rather than failing with its storage gone.
 * @param name - the index database's name.
 * @param task - the work to run.
 */
export function inNamedIndexQueue<T>(name: string, task: () => Promise<T>): Promise<T> {
  const lane = laneOf(name);
  const run = lane.queue.then(task, task);
  lane.queue = run.catch(() => undefined);
  track(name, lane, run);
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
  const lane = index.lane;
  let group = lane.readers;
  if (!group || group.done !== lane.queue || group.pending === 0) {
    let finish = () => {};
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    group = { after: lane.queue, pending: 0, done, finish };
    lane.readers = group;
    lane.queue = done;
  }
  const joined = group;
  joined.pending++;
  const run = joined.after.then(task, task);
  const leave = () => {
    if (--joined.pending === 0) joined.finish();
  };
  run.then(leave, leave);
  track(index.name, lane, run);
  return run;
}
