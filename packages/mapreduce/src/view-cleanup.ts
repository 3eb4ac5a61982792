import type { Satchel } from '@satchel/core';
import { httpViewCleanup, isRemote } from './http-query.js';
import { readLocal } from './local-doc.js';
import { forgetIndex, inNamedIndexQueue } from './view-index.js';
import { VIEWS_DOC_ID, type ViewsDoc } from './view-registry.js';

/** `'ddoc/view'` split as PouchDB does (`'view'` alone means `'view/view'`). */
function splitName(name: string): [string, string] {
  const [ddoc = '', view = ddoc] = name.split('/');
  return name.includes('/') ? [ddoc, view] : [name, name];
}

/** Whether each recorded view still exists in its design document. */
async function liveViews(db: Satchel, names: string[]): Promise<Map<string, boolean>> {
  const ddocIds = [...new Set(names.map((name) => `_design/${splitName(name)[0]}`))];
  const res = await db.allDocs({ keys: ddocIds, include_docs: true });
  const docs = new Map<string, { views?: Record<string, unknown> }>();
  for (const row of res.rows)
    if (row.doc) docs.set(row.id, row.doc as { views?: Record<string, unknown> });
  const live = new Map<string, boolean>();
  for (const name of names) {
    const [ddoc, view] = splitName(name);
    live.set(name, Boolean(docs.get(`_design/${ddoc}`)?.views?.[view]));
  }
  return live;
}

/** The index databases no existing view uses (one used by any live view is kept). */
function unusedIndexes(
  views: Record<string, Record<string, boolean>>,
  live: Map<string, boolean>,
): string[] {
  const keep = new Map<string, boolean>();
  for (const [name, dbs] of Object.entries(views)) {
    for (const dbName of Object.keys(dbs))
      keep.set(dbName, (keep.get(dbName) ?? false) || live.get(name) === true);
  }
  return [...keep].filter(([, kept]) => !kept).map(([dbName]) => dbName);
}

/** Destroys the index databases of views that no longer exist. */
async function cleanup(db: Satchel): Promise<{ ok: boolean }> {
  const meta = await readLocal<ViewsDoc>(db, VIEWS_DOC_ID);
  const views = meta?.views ?? {};
  const live = await liveViews(db, Object.keys(views));
  const Ctor = db.constructor as new (name: string, opts: object) => Satchel;
  for (const name of unusedIndexes(views, live)) {
    await forgetIndex(db, name);
    await inNamedIndexQueue(name, () => new Ctor(name, { ...db.__opts }).destroy());
  }
  return { ok: true };
}

/** The work of `db.viewCleanup` (see view-methods.ts), on a local or a remote database. */
export function cleanupViews(db: Satchel): Promise<{ ok: boolean }> {
  return isRemote(db) ? httpViewCleanup(db) : cleanup(db);
}
