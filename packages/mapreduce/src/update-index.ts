import type { Satchel } from '@satchel/core';
import { pendingPurges, type Remap } from './index-purges.js';
import { type DocUpdate, indexDocs } from './index-writes.js';
import { IndexingProgress } from './indexing-progress.js';
import { readLocal } from './local-doc.js';
import { createMapper, type Mapper } from './map-docs.js';
import type { ViewDefinition } from './types.js';
import type { ViewEntry } from './view-entry.js';
import type { ViewIndex } from './view-index.js';

/** How many changes one update step reads (PouchDB's default batch size). */
const BATCH_SIZE = 50;

/** One result of the changes feed, as the index needs it. */
interface Change extends Remap {
  changes?: { rev: string }[];
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

/** Whether the change is a document's first revision and only leaf: it cannot have old rows. */
function isFirstRevision(change: Change): boolean {
  return change.changes?.length === 1 && change.changes[0]?.rev.startsWith('1-') === true;
}

/** What one update needs: the index, the compiled map, and the documents re-mapped for purges. */
interface UpdateContext {
  index: ViewIndex;
  mapper: Mapper;
  purged: ReadonlySet<string>;
}

/** The document a change maps: its body, or a deletion stub when the change carries none. */
function changedDoc(change: Change): Record<string, unknown> {
  return change.doc ?? { _id: change.id, _deleted: true };
}

/**
 * Maps the changed documents in one call (the sandbox is entered once a chunk, not once a
 * document) and returns each document's rows, in view order.
 */
function mapChanges(ctx: UpdateContext, changes: readonly Change[]): Map<string, ViewEntry[]> {
  const byId = new Map<string, ViewEntry[]>();
  for (const entry of ctx.mapper(changes.map(changedDoc))) {
    const rows = byId.get(entry.id);
    if (rows) rows.push(entry);
    else byId.set(entry.id, [entry]);
  }
  return byId;
}

/** Reads the keys a changed document had in the index (unless it can have none). */
async function docUpdate(
  ctx: UpdateContext,
  change: Change,
  entries: ViewEntry[],
): Promise<DocUpdate> {
  const fresh = isFirstRevision(change) && !ctx.purged.has(change.id);
  const local = fresh
    ? undefined
    : await readLocal<{ keys?: string[]; _rev?: string }>(ctx.index.db, `_local/doc_${change.id}`);
  const update: DocUpdate = { id: change.id, oldKeys: local?.keys ?? [], entries };
  if (local?._rev !== undefined) update.keysRev = local._rev;
  if (fresh) update.fresh = true;
  return update;
}

/** Each change's document update; the batch is mapped at once when its ids are distinct. */
function docUpdates(ctx: UpdateContext, changes: readonly Change[]): Promise<DocUpdate[]> {
  const distinct = new Set(changes.map((c) => c.id)).size === changes.length;
  if (!distinct) {
    // A remap list may name a document twice: map each on its own so neither gets the other's rows.
    return Promise.all(changes.map((c) => docUpdate(ctx, c, ctx.mapper([changedDoc(c)]))));
  }
  const rows = mapChanges(ctx, changes);
  return Promise.all(changes.map((c) => docUpdate(ctx, c, rows.get(c.id) ?? [])));
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

/** Applies changed documents to the index and records `seq` (and `extra` records) with them. */
async function applyBatch(
  ctx: UpdateContext,
  changes: readonly Change[],
  seq: number | string,
  extra: Record<string, unknown>[] = [],
): Promise<void> {
  const own = changes.filter((c) => !c.id.startsWith('_'));
  const updates = await docUpdates(ctx, own);
  const docs = await indexDocs(ctx.index.db, updates);
  docs.push(await lastSeqDoc(ctx.index, seq), ...extra);
  // One bulkDocs: rows, key records and progress are written together, as PouchDB does.
  const results = (await ctx.index.db.bulkDocs(docs)) as { error?: unknown }[];
  const failed = results.find((r) => r.error);
  if (failed) throw failed;
}

/** Reads the changes since `since` batch by batch and applies them; returns the last seq. */
async function followChanges(
  changes: ChangesMethod,
  ctx: UpdateContext,
  since: number | string,
  progress: IndexingProgress,
): Promise<number | string> {
  let seq = since;
  for (;;) {
    const batch = await changes({
      since: seq,
      include_docs: true,
      conflicts: true,
      style: 'all_docs',
      return_docs: true,
      limit: BATCH_SIZE,
    });
    if (batch.results.length === 0) return seq;
    await progress.working(since);
    await applyBatch(ctx, batch.results, batch.last_seq);
    progress.batch(batch.results.length, batch.last_seq);
    seq = batch.last_seq;
    if (batch.results.length < BATCH_SIZE) return seq;
  }
}

/**
 * Brings a design-doc view's index up to date with the source: first the documents purged since
 * the last update are re-mapped, then only the changes since the last update are read, so the
 * work is proportional to the writes since then. Returns the sequence the index now reflects.
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
  const since = await indexedSeq(index);
  const changes = changesOf(source);
  if (!changes) return since;
  const progress = new IndexingProgress(source, index.name);
  progress.start();
  try {
    const purges = await pendingPurges(source, index, since === 0);
    const purged = new Set(purges.remaps.map((r) => r.id));
    index.mapper ??= createMapper(view.map, onError);
    const ctx: UpdateContext = { index, mapper: index.mapper, purged };
    if (purges.record) await applyBatch(ctx, purges.remaps, since, [purges.record]);
    const seq = await followChanges(changes, ctx, since, progress);
    progress.finish();
    return seq;
  } catch (err) {
    progress.finish(err);
    throw err;
  }
}

/**
 * The sequence the index reflects, without updating it (for `stale` queries).
 * @param index - the view's index.
 */
export async function indexedSeq(index: ViewIndex): Promise<number | string> {
  return (await readLocal<{ seq?: number | string }>(index.db, '_local/lastSeq'))?.seq ?? 0;
}
