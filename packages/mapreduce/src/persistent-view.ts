import { type Satchel, writeCounter } from '@satchel/core';
import { indexSource } from './index-source.js';
import { reportError } from './run-view.js';
import type { QueryOptions, ViewDefinition } from './types.js';
import { indexedSeq, updateIndex } from './update-index.js';
import { inIndexQueue, openViewIndex, readInIndexQueue, type ViewIndex } from './view-index.js';
import type { ViewSource } from './view-source.js';

/**
 * Brings the index up to date; returns the source sequence it now reflects. When the source
 * announced no write since the last update, there is nothing to read and the source is not
 * asked (no changes feed, no purge log).
 */
async function update(
  source: Satchel,
  index: ViewIndex,
  view: ViewDefinition,
): Promise<number | string> {
  const writes = writeCounter(source)?.count;
  if (writes !== undefined && index.upToDate?.writes === writes) return index.upToDate.seq;
  const seq = await updateIndex(source, index, view, (err) => reportError(source, err));
  // The count read before the update: a write racing it leaves the count past this one.
  if (writes !== undefined) index.upToDate = { writes, seq };
  return seq;
}

/**
 * Answers a query from the index brought up to date first. When the source announced no write
 * since the last update, nothing is to be updated: the query only reads (beside other reads).
 */
function readUpdated<T>(
  source: Satchel,
  index: ViewIndex,
  view: ViewDefinition,
  answer: (viewSource: ViewSource) => Promise<T>,
): Promise<T> {
  const writes = writeCounter(source)?.count;
  const known = index.upToDate;
  if (writes !== undefined && known?.writes === writes) {
    const { seq } = known;
    return readInIndexQueue(index, () => answer(indexSource(index, async () => seq)));
  }
  return inIndexQueue(index, async () => {
    const seq = await update(source, index, view);
    return answer(indexSource(index, async () => seq));
  });
}

/**
 * Answers a query from a design-doc view's stored index, brought up to date first unless
 * `stale` says otherwise (`'update_after'` reads first, then updates in the background), as
 * PouchDB does. The read runs in the view's queue, so it never sees an update half-written.
 * @param source - the source database.
 * @param fullViewName - `'ddoc/view'` as queried.
 * @param view - the view's definition.
 * @param opts - the query options.
 * @param answer - reads the answer from the index.
 */
export async function queryPersistentView<T>(
  source: Satchel,
  fullViewName: string,
  view: ViewDefinition,
  opts: QueryOptions,
  answer: (viewSource: ViewSource) => Promise<T>,
): Promise<T> {
  const index = await openViewIndex(source, fullViewName, view);
  const stale = opts.stale === 'ok' || opts.stale === 'update_after';
  const read = stale
    ? // A stale read asks the index for its seq only when the query wants `update_seq`.
      readInIndexQueue(index, () => answer(indexSource(index, () => indexedSeq(index))))
    : readUpdated(source, index, view, answer);
  // Queued right behind the read, so the next query (even a stale one) sees the update.
  if (opts.stale === 'update_after') {
    inIndexQueue(index, () => update(source, index, view)).catch((err) => reportError(source, err));
  }
  return read;
}
