import { parseIndexableString, type Satchel } from '@satchel/core';
import { readLocal } from './local-doc.js';
import type { ViewIndex } from './view-index.js';

/** The source's purge log, `_local/purges`, in PouchDB's format (written by core's `purge`). */
interface PurgeLog {
  purges?: { docId: string; purgeSeq: number }[];
  purgeSeq?: number;
}

/** A document to re-map: its current winner (with `_conflicts`), or none when it is gone. */
export interface Remap {
  id: string;
  doc?: Record<string, unknown>;
}

/** The purges an index still has to apply, and the record saying it has applied them. */
export interface PendingPurges {
  remaps: Remap[];
  /** The index's new `_local/purgeSeq` document; absent when there is nothing new. */
  record?: Record<string, unknown>;
}

/** The current winner of `id` with its conflicts, or nothing when the document is gone. */
async function currentDoc(source: Satchel, id: string): Promise<Remap> {
  const doc = await readLocal<Record<string, unknown>>(source, id, { conflicts: true });
  return doc ? { id, doc } : { id };
}

/** Every source document with rows in the index (read only when purge records were lost). */
async function indexedDocIds(index: ViewIndex): Promise<string[]> {
  const res = await index.db.allDocs();
  const ids = new Set<string>();
  for (const row of res.rows) ids.add((parseIndexableString(row.id) as unknown[])[1] as string);
  return [...ids];
}

/**
 * The purges of the source the index has not applied yet, as documents to re-map. A purge
 * leaves no trace in the changes feed, so, as PouchDB does, the index compares the source's
 * `_local/purges` log with the `_local/purgeSeq` it recorded. A new index (`fresh`) is built
 * from the current documents and only records the log's position. If the log was trimmed past
 * what the index last saw (more than `purged_infos_limit` purges in between), every document
 * with rows in the index is re-mapped instead.
 * @param source - the source database.
 * @param index - the view's index.
 * @param fresh - whether the index is being built from the start.
 */
export async function pendingPurges(
  source: Satchel,
  index: ViewIndex,
  fresh: boolean,
): Promise<PendingPurges> {
  const log = await readLocal<PurgeLog>(source, '_local/purges');
  if (log?.purgeSeq === undefined) return { remaps: [] };
  const stored = await readLocal<{ purgeSeq?: number; _rev?: string }>(index.db, '_local/purgeSeq');
  const done = stored?.purgeSeq ?? -1;
  if (log.purgeSeq <= done) return { remaps: [] };
  const record: Record<string, unknown> = { _id: '_local/purgeSeq', purgeSeq: log.purgeSeq };
  if (stored?._rev !== undefined) record._rev = stored._rev;
  if (fresh) return { remaps: [], record };
  const entries = log.purges ?? [];
  const lost = (entries[0]?.purgeSeq ?? 0) > done + 1;
  const ids = lost
    ? await indexedDocIds(index)
    : [...new Set(entries.filter((p) => p.purgeSeq > done).map((p) => p.docId))];
  const remaps = await Promise.all(
    ids.filter((id) => !id.startsWith('_')).map((id) => currentDoc(source, id)),
  );
  return { remaps, record };
}
