import type { Satchel } from '@satchel/core';
import { type DocUpdate, indexDocs } from './index-writes.js';
import { readLocal } from './local-doc.js';
import { createMapper, type Mapper } from './map-docs.js';
import type { ViewDefinition } from './types.js';
import type { ViewIndex } from './view-index.js';

/** How many changes one update step reads. */
const BATCH_SIZE = 50;

/** One result of the changes feed, as the index needs it. */
interface Change {
  id: string;
  doc?: Record<string, unknown>;
}

/** A batch of the changes feed. */
interface ChangesBatch {
  results: Change[];
  last_seq: number | string;
}

/** The source's `changes` method, installed by `@satchel/changes`. */
type ChangesMethod = (opts: object) => PromiseLike<ChangesBatch>;

/**
 * The `changes` method of `source`, or `undefined` when `@satchel/changes` is not installed.
 * @param source - the source database.
 */
export function changesOf(source: Satchel): ChangesMethod | undefined {
  const method = (source as unknown as { changes?: ChangesMethod }).changes;
  return typeof method === 'function' ? method.bind(source) : undefined;
}

/** Maps one changed document and reads the keys it had in the index. */
async function docUpdate(index: ViewIndex, mapper: Mapper, change: Change): Promise<DocUpdate> {
  const doc = change.doc ?? { _id: change.id, _deleted: true };
  const local = await readLocal<{ keys?: string[]; _rev?: string }>(
    index.db,
    `_local/doc_${change.id}`,
  );
  const update: DocUpdate = {
    id: change.id,
    oldKeys: local?.keys ?? [],
    entries: mapper([doc]),
  };
  if (local?._rev !== undefined) update.keysRev = local._rev;
  return update;
}

/** The `_local/lastSeq` record moved to `seq`. */
async function lastSeqDoc(
  index: ViewIndex,
  seq: number | string,
): Promise<Record<string, unknown>> {
  const current = await readLocal<{ _rev?: string }>(index.db, '_local/lastSeq');
  const doc: Record<string, unknown> = { _id: '_local/lastSeq', seq };
  if (current?._rev !== undefined) doc._rev = current._rev;
  return doc;
}

/** Applies one batch of changes to the index and records how far it got. */
async function applyBatch(
  index: ViewIndex,
  view: ViewDefinition,
  batch: ChangesBatch,
  onError: (err: unknown) => void,
): Promise<void> {
  const changes = batch.results.filter((c) => !c.id.startsWith('_'));
  const mapper = createMapper(view.map, onError);
  const updates: DocUpdate[] = [];
  for (const change of changes) updates.push(await docUpdate(index, mapper, change));
  const docs = await indexDocs(index.db, updates);
  docs.push(await lastSeqDoc(index, batch.last_seq));
  // One bulkDocs: rows, key records and progress are written together, as PouchDB does.
  const results = (await index.db.bulkDocs(docs)) as { error?: unknown }[];
  const failed = results.find((r) => r.error);
  if (failed) throw failed;
}

/**
 * Brings a design-doc view's index up to date with the source, reading only the changes since
 * the last update (work proportional to the writes since then). Returns the sequence the index
 * now reflects.
 * @param source - the source database.
 * @param index - the view's index.
 * @param view - the view's definition.
 * @param onError - receives what the map function throws.
 */
export async function updateIndex(
  source: Satchel,
  index: ViewIndex,
  view: ViewDefinition,
  onError: (err: unknown) => void,
): Promise<number | string> {
  const changes = changesOf(source);
  let since = (await readLocal<{ seq?: number | string }>(index.db, '_local/lastSeq'))?.seq ?? 0;
  if (!changes) return since;
  for (;;) {
    const batch = await changes({
      since,
      include_docs: true,
      conflicts: true,
      style: 'all_docs',
      return_docs: true,
      limit: BATCH_SIZE,
    });
    if (batch.results.length > 0) await applyBatch(index, view, batch, onError);
    since = batch.last_seq;
    if (batch.results.length < BATCH_SIZE) return since;
  }
}

/**
 * The sequence the index reflects, without updating it (for `stale` queries).
 * @param index - the view's index.
 */
export async function indexedSeq(index: ViewIndex): Promise<number | string> {
  return (await readLocal<{ seq?: number | string }>(index.db, '_local/lastSeq'))?.seq ?? 0;
}
