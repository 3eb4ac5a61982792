import type { Satchel } from '@satchel/core';
import { indexSource } from './index-source.js';
import { reportError } from './run-view.js';
import type { QueryOptions, ViewDefinition } from './types.js';
import { indexedSeq, updateIndex } from './update-index.js';
import { inIndexQueue, openViewIndex, type ViewIndex } from './view-index.js';
import type { ViewSource } from './view-source.js';

/** Queues an index update, reporting (not throwing) its failure. */
function queueUpdate(
  source: Satchel,
  index: ViewIndex,
  view: ViewDefinition,
): Promise<number | string> {
  return inIndexQueue(index, () =>
    updateIndex(source, index, view, (err) => reportError(source, err)),
  );
}

/**
 * A design-doc view's stored index, brought up to date first unless `stale` says otherwise
 * (`'update_after'` reads first, then updates in the background), as PouchDB does.
 * @param source - the source database.
 * @param fullViewName - `'ddoc/view'` as queried.
 * @param view - the view's definition.
 * @param opts - the query options.
 */
export async function persistentView(
  source: Satchel,
  fullViewName: string,
  view: ViewDefinition,
  opts: QueryOptions,
): Promise<ViewSource> {
  const index = await openViewIndex(source, fullViewName, view);
  const stale = opts.stale === 'ok' || opts.stale === 'update_after';
  const seq = stale
    ? await inIndexQueue(index, () => indexedSeq(index))
    : await queueUpdate(source, index, view);
  const result = await indexSource(index, seq);
  if (opts.stale === 'update_after') queueUpdate(source, index, view).catch(() => undefined);
  return result;
}
