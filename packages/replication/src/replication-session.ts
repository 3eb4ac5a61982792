import { type AnyDoc, type ChangesResponse, createError, Errors } from '@satchel/core';
import { ReplicationTask } from './active-task.js';
import { type Batch, diffRequest } from './batch.js';
import { BatchPipeline } from './batch-pipeline.js';
import { Cancelled } from './cancelled.js';
import { Checkpointer } from './checkpointer.js';
import { fetchDocs } from './fetch-docs.js';
import { passesFilter } from './filter-change.js';
import { isDenial } from './is-denial.js';
import { feedEnded, LiveFollower } from './live-follower.js';
import { replicationId } from './replication-id.js';
import type { SessionContext } from './session-context.js';
import type { ReplicationDb, ReplicationResult } from './types.js';

/** A sequence a feed can continue from (a number, an opaque string, or an old array seq). */
function isSeq(seq: unknown): seq is number | string {
  return seq !== undefined && seq !== null;
}

/**
 * Throws when a page of changes does not move past `since`: its last row has no seq (the next
 * page would start over from the beginning) or the one it started from. Reading on would fetch
 * the same page forever; a clear error instead (retried like any other with `retry`).
 */
function checkProgress(since: number | string, seq: unknown): void {
  if (isSeq(seq) && JSON.stringify(seq) !== JSON.stringify(since)) return;
  throw createError(
    Errors.UNKNOWN_ERROR,
    `The source's changes feed does not move past since=${JSON.stringify(since)}: its last change has seq ${JSON.stringify(seq)}`,
  );
}

/**
 * One attempt of a replication (a retry starts a new one): CouchDB's protocol. Read the
 * checkpoints, then read the source's changes in pages of `batch_size` while earlier pages
 * are written (at most `batches_limit` ahead); each batch is `revsDiff` on the target,
 * `bulkGet` of the missing revisions with history and attachments from the source,
 * `bulkDocs` with `new_edits: false` on the target, and a checkpoint on both sides. Live
 * replications then follow the source's live feed the same way until cancelled.
 */
export class ReplicationSession {
  /** This attempt's counters and status. */
  readonly result: ReplicationResult = {
    ok: true,
    start_time: new Date().toISOString(),
    docs_read: 0,
    docs_written: 0,
    doc_write_failures: 0,
    errors: [],
  };
  /** The last sequence whose batch (and checkpoint) is done. */
  resumeSeq: number | string | undefined;
  private readonly session: string;
  private checkpointer: Checkpointer | undefined;
  private task: ReplicationTask | undefined;
  private live: LiveFollower | undefined;
  private pipeline: BatchPipeline<Batch> | undefined;

  constructor(private readonly ctx: SessionContext) {
    this.session = ctx.sessionId();
    this.resumeSeq = ctx.resumeSeq;
    // PouchDB's results always carry `last_seq`, also when cancelled or failed before reading.
    this.result.last_seq = ctx.resumeSeq ?? 0;
  }

  private get cancelled(): boolean {
    return this.ctx.rep.cancelled;
  }

  private check(): void {
    if (this.cancelled) throw new Cancelled();
  }

  /** Runs the attempt: resolves when done (one-shot) or cancelled, rejects on failure. */
  async run(): Promise<ReplicationResult> {
    try {
      const since = await this.start();
      this.result.last_seq = since;
      const pipeline = this.newPipeline();
      this.pipeline = pipeline;
      const end = await this.catchUp(pipeline, since);
      // Quietly, as PouchDB: the last batch already announced its checkpoint.
      await this.writeCheckpoint(end, false);
      this.result.last_seq = end;
      this.resumeSeq = end;
      this.check();
      if (this.ctx.opts.live) await this.followLive(pipeline, end);
      else this.ctx.rep.markPaused();
      this.check();
      return this.finish('complete');
    } catch (err) {
      // Let the batch in progress stop at its next step, so nothing runs on after the end.
      await this.pipeline?.whenDrained().catch(() => undefined);
      if (this.cancelled) return this.finish('cancelled');
      this.task?.remove(err);
      this.result.ok = false;
      this.result.status = 'aborting';
      this.result.end_time = new Date().toISOString();
      throw err;
    }
  }

  /**
   * The replication ended without waiting for this cancelled attempt (a request that never
   * settles): its task leaves `activeTasks` now rather than whenever that request ends.
   */
  abandon(): void {
    this.task?.remove();
  }

  private finish(status: 'complete' | 'cancelled'): ReplicationResult {
    this.task?.remove();
    this.result.status = status;
    this.result.end_time = new Date().toISOString();
    if (this.resumeSeq !== undefined) this.result.last_seq = this.resumeSeq;
    return this.result;
  }

  /** Finds the starting sequence: an earlier attempt's progress, `since`, or the checkpoints. */
  private async start(): Promise<number | string> {
    const { src, target, opts } = this.ctx;
    const id = await replicationId(src, target, opts.raw);
    this.check();
    this.checkpointer = new Checkpointer(src, target, id, opts.checkpoint, () => this.cancelled);
    let since: number | string;
    if (this.ctx.resumeSeq !== undefined) since = this.ctx.resumeSeq;
    else if (opts.since !== undefined) {
      await this.checkpointer.write(opts.since, this.session);
      since = opts.since;
    } else since = await this.checkpointer.read();
    this.check();
    await this.createTask(since);
    return since;
  }

  private async createTask(since: number | string): Promise<void> {
    const info = await this.ctx.src.info();
    // Cancelled meanwhile: an attempt that may be abandoned must not list a task afterwards.
    this.check();
    const updateSeq = Number.parseInt(String(info.update_seq), 10);
    const total = updateSeq - (Number.parseInt(String(since), 10) || 0);
    const prefix = this.ctx.opts.live ? 'continuous ' : '';
    const name = `${prefix}replication from ${info.db_name}`;
    this.task = new ReplicationTask(this.ctx.src, name, Number.isNaN(total) ? 0 : total);
  }

  private newPipeline(): BatchPipeline<Batch> {
    return new BatchPipeline<Batch>(
      this.ctx.opts.batchesLimit,
      (batch) => this.replicateBatch(batch),
      () => this.live?.takePending(),
      () => this.live?.idle(),
    );
  }

  /**
   * Reads pages of changes until one is empty, each page a batch, while the pipeline writes
   * earlier ones. Resolves with the source's `last_seq` once every batch is written.
   */
  private async catchUp(pipeline: BatchPipeline<Batch>, since: number | string) {
    let seq = since;
    for (;;) {
      await pipeline.whenRoom();
      this.check();
      const page = await this.readPage(seq);
      this.check();
      const last = page.results.at(-1);
      if (!last) {
        await pipeline.whenDrained();
        this.check();
        // A source that sends no `last_seq` leaves the position where it is, not at nothing.
        return isSeq(page.last_seq) ? page.last_seq : seq;
      }
      checkProgress(seq, last.seq);
      const { filterFunction } = this.ctx.opts;
      const query = this.ctx.opts.raw.query_params;
      const kept = page.results.filter((c) => passesFilter(c, filterFunction, query));
      this.task?.progress(page.results.length - kept.length);
      for (const change of kept) this.ctx.rep.emit('checkpoint', { pending_batch: change.seq });
      if (kept.length > 0) {
        this.ctx.rep.markActive();
        pipeline.push({ changes: kept, seq: last.seq });
      }
      seq = last.seq;
    }
  }

  /** One page of the source's changes, cancelled with the replication. */
  private async readPage(since: number | string): Promise<ChangesResponse> {
    const { opts, src, rep } = this.ctx;
    const feed = src.changes({
      ...opts.changes,
      since,
      limit: opts.batchSize,
      batch_size: opts.batchSize,
      return_docs: true,
    });
    const stop = rep.onCancel(() => feed.cancel());
    try {
      const page = await feed;
      this.check();
      if (!Array.isArray(page?.results)) throw feedEnded();
      return page;
    } finally {
      stop();
    }
  }

  /** Follows the source's live feed until the replication is cancelled or fails. */
  private followLive(pipeline: BatchPipeline<Batch>, since: number | string): Promise<void> {
    const live = new LiveFollower(this.ctx, pipeline, since);
    this.live = live;
    return live.run();
  }

  /** revsDiff → bulkGet → bulkDocs → `change` event → checkpoint, for one batch. */
  private async replicateBatch(batch: Batch): Promise<void> {
    const { src, target, rep } = this.ctx;
    this.check();
    // Progress events as PouchDB's replicator emits them (tools and its tests follow them).
    rep.emit('checkpoint', { start_next_batch: batch.seq });
    for (const change of batch.changes) rep.emit('checkpoint', { revs_diff: change });
    const diffs = await target.revsDiff(diffRequest(batch.changes));
    this.check();
    const fetched = await fetchDocs(src, diffs);
    this.check();
    this.result.docs_read += fetched.docs.length;
    const written = await this.writeDocs(fetched.docs);
    this.check();
    if (!fetched.ok) throw new Error('There was a problem getting docs.');
    this.result.last_seq = batch.seq;
    if (written.length > 0) {
      rep.emit('change', { ...this.result, errors: [...this.result.errors], docs: written });
    }
    this.task?.progress(batch.changes.length);
    await this.writeCheckpoint(batch.seq);
    this.resumeSeq = batch.seq;
  }

  private async writeCheckpoint(seq: number | string, announce = true): Promise<void> {
    if (!this.checkpointer) return;
    await this.checkpointer.write(seq, this.session);
    if (announce) this.ctx.rep.emit('checkpoint', { checkpoint: seq });
  }

  /**
   * Writes the revisions with `new_edits: false`. Documents the target refuses (401/403) are
   * reported as `denied` and skipped; any other refusal ends the attempt.
   * @returns the documents written.
   */
  private async writeDocs(docs: AnyDoc[]): Promise<AnyDoc[]> {
    if (docs.length === 0) return [];
    const { target, rep, opts } = this.ctx;
    let rows: Awaited<ReturnType<ReplicationDb['bulkDocs']>>;
    try {
      rows = await target.bulkDocs({ docs, new_edits: false }, { timeout: opts.raw.timeout });
    } catch (err) {
      this.result.doc_write_failures += docs.length;
      throw err;
    }
    this.check();
    const errors = new Map<string, unknown>();
    for (const row of rows) {
      const r = row as { error?: unknown; id?: string };
      if (r.error && r.id !== undefined) errors.set(r.id, row);
    }
    this.result.doc_write_failures += errors.size;
    this.result.docs_written += docs.length - errors.size;
    const written: AnyDoc[] = [];
    for (const doc of docs) {
      const error = errors.get(doc._id as string);
      if (!error) {
        written.push(doc);
        continue;
      }
      this.result.errors.push(error);
      if (!isDenial(error)) throw error;
      rep.emit('denied', error);
    }
    return written;
  }
}
