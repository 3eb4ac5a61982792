import type { Satchel } from '@satchel/core';
import { createMapper } from './map-docs.js';
import type { ViewDefinition } from './types.js';
import { memorySource, type ViewSource } from './view-source.js';

/** Reports a map/reduce error as PouchDB does: an `error` event on the database. */
export function reportError(db: Satchel, err: unknown): void {
  try {
    db.emit('error', err);
  } catch {
    // PouchDB logs instead when nobody listens; a query never fails because of it.
  }
}

/**
 * Builds a view from scratch: reads every current document (with `_conflicts`, as PouchDB's
 * indexer sees them) through the instance's `allDocs` and maps them.
 * @param db - the source database.
 * @param view - the view to build.
 */
export async function runView(db: Satchel, view: ViewDefinition): Promise<ViewSource> {
  const info = await db.info();
  const res = await db.allDocs({ include_docs: true, conflicts: true });
  const docs = res.rows.map((row) => row.doc as Record<string, unknown>);
  // `shared`: a temporary view keeps no mapper, so one compiled for its source lately serves.
  const entries = createMapper(view.map, (err) => reportError(db, err), true)(docs);
  return memorySource(entries, info.update_seq);
}
