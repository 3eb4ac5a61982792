import { type Satchel, upsertLocal } from '@satchel/core';

/** The id of the local document listing each view's index databases (PouchDB's). */
export const VIEWS_DOC_ID = '_local/mrviews';

/** `_local/mrviews`: for each full view name, the index databases built for it. */
export interface ViewsDoc {
  views?: Record<string, Record<string, boolean>>;
}

/**
 * Records in the source database that `indexName` holds the index of `fullViewName`, in
 * PouchDB's format, so `viewCleanup` can find it later.
 * @param source - the source database.
 * @param fullViewName - `'ddoc/view'` as queried.
 * @param indexName - the index database's name.
 */
export async function recordView(
  source: Satchel,
  fullViewName: string,
  indexName: string,
): Promise<void> {
  await upsertLocal(source, VIEWS_DOC_ID, (doc) => {
    const views = ((doc as ViewsDoc).views ?? {}) as Record<string, Record<string, boolean>>;
    if (views[fullViewName]?.[indexName]) return false;
    views[fullViewName] = { ...views[fullViewName], [indexName]: true };
    (doc as ViewsDoc).views = views;
    return true;
  });
}
