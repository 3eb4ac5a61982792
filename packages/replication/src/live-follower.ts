import type { ChangesResult } from '@satchel/core';
import type { Batch } from './batch.js';
import type { BatchPipeline } from './batch-pipeline.js';
import { passesFilter } from './filter-change.js';
import type { SessionContext } from './session-context.js';
import type { ChangesFeedLike } from './types.js';

/** A source feed that ended without us stopping it: the source was closed under it. */
export function feedEnded(): Error {
  return new Error('the source changes feed ended (database closed?)');
}

/**
 * The live phase: a live feed of the source whose changes gather into batches while the
 * previous batch is written. When `batches_limit` batches wait, the feed is stopped and
 * restarted from where it was once there is room, so memory stays bounded.
 */
export class LiveFollower {
  private pending: ChangesResult[] = [];
  private position: number | string;
  private feed: ChangesFeedLike | undefined;
  private settle: { resolve(): void; reject(err: unknown): void } | undefined;
  private flushQueued = false;
  private ended = false;

  constructor(
    private readonly ctx: SessionContext,
    private readonly pipeline: BatchPipeline<Batch>,
    since: number | string,
  ) {
    this.position = since;
  }

  run(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const stopOnCancel = this.ctx.rep.onCancel(() => this.stop());
      this.settle = {
        resolve: () => {
          this.ended = true;
          stopOnCancel();
          resolve();
        },
        reject: (err) => {
          this.ended = true;
          stopOnCancel();
          this.stopFeed();
          reject(err);
        },
      };
      this.pipeline.failed().catch((err: unknown) => this.settle?.reject(err));
      this.ctx.rep.markPaused();
      this.openFeed();
    });
  }

  /** The changes gathered so far as one batch (the pipeline asks when it runs dry). */
  takePending(): Batch | undefined {
    if (this.pending.length === 0) return undefined;
    const batch = { changes: this.pending, seq: this.position };
    this.pending = [];
    this.resumeFeedIfRoom();
    return batch;
  }

  /** Nothing left to write: PouchDB reports `paused`. */
  idle(): void {
    if (this.pending.length === 0 && !this.ctx.rep.cancelled) this.ctx.rep.markPaused();
  }

  private openFeed(): void {
    const { opts, src } = this.ctx;
    const feed = src.changes({
      ...opts.changes,
      since: this.position,
      live: true,
      return_docs: false,
    });
    this.feed = feed;
    feed.on('change', (change) => this.onChange(feed, change));
    feed.then(
      () => {
        // Only we stop this feed; ending otherwise means the source was closed under it.
        if (this.feed === feed && !this.ctx.rep.cancelled) {
          this.settle?.reject(feedEnded());
        }
      },
      (err: unknown) => {
        if (this.feed === feed) this.settle?.reject(err);
      },
    );
  }

  private onChange(feed: ChangesFeedLike, change: ChangesResult): void {
    if (this.feed !== feed || this.ctx.rep.cancelled) return;
    // A change without a seq cannot be resumed from: the position (and checkpoint) stays behind.
    if (change.seq !== undefined && change.seq !== null) this.position = change.seq;
    const { filterFunction, raw } = this.ctx.opts;
    let passes: boolean;
    try {
      passes = passesFilter(change, filterFunction, raw.query_params);
    } catch (err) {
      // Thrown from inside the feed's event: ended here, or it would be an uncaught exception.
      this.settle?.reject(err);
      return;
    }
    if (!passes) return;
    this.pending.push(change);
    this.ctx.rep.emit('checkpoint', { pending_batch: change.seq });
    this.ctx.rep.markActive();
    if (this.pending.length >= this.ctx.opts.batchSize) {
      this.pipeline.push(this.takePending() as Batch);
      if (this.pipeline.full) this.stopFeed();
    } else if (!this.flushQueued) {
      // A burst of changes read together becomes one batch.
      this.flushQueued = true;
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
    this.flushQueued = false;
    if (!this.pipeline.busy) {
      const batch = this.takePending();
      if (batch) this.pipeline.push(batch);
    }
  }

  private resumeFeedIfRoom(): void {
    if (this.feed || this.ended || this.pipeline.full || this.ctx.rep.cancelled) return;
    this.openFeed();
  }

  private stopFeed(): void {
    const feed = this.feed;
    this.feed = undefined;
    feed?.cancel();
    if (feed && !this.ctx.rep.cancelled) {
      this.pipeline.whenRoom().then(
        () => this.resumeFeedIfRoom(),
        () => undefined,
      );
    }
  }

  /** Cancelled: stop reading, let the batch in progress stop at its next step, then end. */
  private stop(): void {
    this.stopFeed();
    this.pending = [];
    this.pipeline.whenDrained().then(
      () => this.settle?.resolve(),
      () => this.settle?.resolve(),
    );
  }
}
