import type { Satchel } from '@satchel/core';
import { HeldWrites } from './held-writes.js';
import { pendingPurges, type Remap } from './index-purges.js';
import { type DocUpdate, indexDocs } from './index-writes.js';
import { IndexingProgress } from './indexing-progress.js';
import { type KeyRecord, keyRecordId } from './key-records.js';
import { KeySegments } from './key-segments.js';
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

/** What one update needs: the index, the compiled map, the writes held back, the checkpoint. */
interface UpdateContext {
  index: ViewIndex;
  mapper: Mapper;
  /** The documents re-mapped for purges: their first revisions may have rows already. */
  purged: ReadonlySet<string>;
  held: HeldWrites;
  /** The index's key segments (listed in its checkpoint). */
  segments: KeySegments;
  /** The index's `_local/lastSeq` rev, kept from one write to the next. */
  checkpointRev: string | undefined;
  /** The source seq the index's stored checkpoint says. */
  written: number | string;
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

/**
 * A changed document's update, with the keys it has in the index: from its key record, or from
 * a key segment entry written after that record (or with no record at all).
 */
async function storedUpdate(
  ctx: UpdateContext,
  change: Change,
  entries: ViewEntry[],
): Promise<DocUpdate> {
  const local = await readLocal<KeyRecord>(ctx.index.db, keyRecordId(change.id));
  const segmentKeys = await ctx.segments.lookup(change.id, local?.seg ?? 0);
  const update: DocUpdate = {
    id: change.id,
    oldKeys: segmentKeys ?? local?.keys ?? [],
    entries,
  };
  if (local?._rev !== undefined) update.keysRev = local._rev;
  if (segmentKeys) update.inSegment = true;
  return update;
}

/**
 * A change's document update. A document already held (whose held update keeps what the index
 * stores) or a first revision not purged (which can have no rows yet) needs no read.
 */
function docUpdate(
  ctx: UpdateContext,
  change: Change,
  entries: ViewEntry[],
): DocUpdate | Promise<DocUpdate> {
  if (ctx.held.has(change.id)) return { id: change.id, oldKeys: [], entries };
  if (isFirstRevision(change) && !ctx.purged.has(change.id)) {
    return { id: change.id, oldKeys: [], entries, fresh: true };
  }
  return storedUpdate(ctx, change, entries);
}

/**
 * Maps a batch of changes and holds their document updates, in the batch's order. The batch is
 * mapped at once when its ids are distinct; the key records needed are read together.
 */
async function holdChanges(ctx: UpdateContext, changes: readonly Change[]): Promise<void> {
  const distinct = new Set(changes.map((c) => c.id)).size === changes.length;
  // A remap list may name a document twice: map each on its own so neither gets the other's rows.
  const rows = distinct ? mapChanges(ctx, changes) : undefined;
  let reads = false;
  const updates = changes.map((change) => {
    const entries = rows ? (rows.get(change.id) ?? []) : ctx.mapper([changedDoc(change)]);
    const update = docUpdate(ctx, change, entries);
    if (update instanceof Promise) reads = true;
    return update;
  });
  for (const update of reads ? await Promise.all(updates) : (updates as DocUpdate[])) {
    ctx.held.add(update);
  }
}

/**
 * Writes the held rows, key records and records with the checkpoint moved to `seq`, in one
 * `bulkDocs` (one commit): the checkpoint never gets ahead of the rows it covers.
 */
async function writeHeld(ctx: UpdateContext, seq: number | string): Promise<void> {
  const { updates, records } = ctx.held.take();
  const docs = updates.length === 0 ? [] : await indexDocs(ctx.index.db, updates, ctx.segments);
  for (const record of records) docs.push(record);
  const checkpoint: Record<string, unknown> = { _id: '_local/lastSeq', seq };
  if (ctx.segments.next > 0) {
    checkpoint.segments = ctx.segments.segments.map((s) => [s.id, s.buckets]);
    checkpoint.nextSegment = ctx.segments.next;
  }
  if (ctx.checkpointRev !== undefined) checkpoint._rev = ctx.checkpointRev;
  docs.push(checkpoint);
  const results = (await ctx.index.db.bulkDocs(docs)) as { error?: unknown; rev?: string }[];
  const failed = results.find((r) => r.error);
  if (failed) throw failed;
  ctx.checkpointRev = results[results.length - 1]?.rev;
  ctx.written = seq;
}

/**
 * Refuses a batch the changes feed cancelled (`{status: 'cancelled'}`, no results: the source
 * was closed or destroyed while it read), with the error a call on such a database gets.
 */
function checkNotCancelled(source: Satchel, batch: ChangesBatch): void {
  if (Array.isArray(batch?.results)) return;
  throw new Error(source._destroyed ? 'database is destroyed' : 'database is closed');
}

/**
 * Reads the changes since `since` batch by batch, mapping each and reporting it as PouchDB does
 * (an `indexing` event a batch, sent before its rows are written, as there), and writes the
 * held rows whenever they reach a bound and at the end. Returns the last seq.
 */
async function followChanges(
  source: Satchel,
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
    checkNotCancelled(source, batch);
    if (batch.results.length > 0) {
      await progress.working(since);
      const own = batch.results.filter((c) => !c.id.startsWith('_'));
      await holdChanges(ctx, own);
      progress.batch(batch.results.length, batch.last_seq);
      seq = batch.last_seq;
    }
    const last = batch.results.length < BATCH_SIZE;
    if (ctx.held.full || (last && (!ctx.held.empty || seq !== ctx.written))) {
      await writeHeld(ctx, seq);
    }
    if (last) return seq;
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
  const stored = await readCheckpoint(index);
  const since = stored?.seq ?? 0;
  const changes = changesOf(source);
  if (!changes) return since;
  const progress = new IndexingProgress(source, index.name);
  progress.start();
  try {
    const purges = await pendingPurges(source, index, since === 0);
    const purged = new Set(purges.remaps.map((r) => r.id));
    index.mapper ??= createMapper(view.map, onError);
    const ctx: UpdateContext = {
      index,
      mapper: index.mapper,
      purged,
      held: new HeldWrites(),
      segments: new KeySegments(
        index.db,
        (stored?.segments ?? []).map(([id, buckets]) => ({ id, buckets })),
        stored?.nextSegment ?? 0,
      ),
      checkpointRev: stored?._rev,
      written: since,
    };
    // Purged documents are re-mapped first; their rows are written with the first changes.
    await holdChanges(ctx, purges.remaps);
    if (purges.record) ctx.held.addRecord(purges.record);
    const seq = await followChanges(source, changes, ctx, since, progress);
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
  return (await readCheckpoint(index))?.seq ?? 0;
}

/**
 * The index's checkpoint, `_local/lastSeq`: the source seq it reflects, its rev, and the key
 * segments (`[number, buckets]`, oldest first) with the number the next one gets.
 */
interface Checkpoint {
  seq?: number | string;
  _rev?: string;
  segments?: [number, number][];
  nextSegment?: number;
}

/** The index's checkpoint, when it has one. */
function readCheckpoint(index: ViewIndex): Promise<Checkpoint | undefined> {
  return readLocal(index.db, '_local/lastSeq');
}
