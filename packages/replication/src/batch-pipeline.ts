/** Settles when the pipeline has room or is drained; rejects when a batch failed. */
interface Waiter {
  ready(): boolean;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * A bounded queue of batches worked by one worker, in order: the reader adds batches while
 * the worker writes earlier ones, and waits (`whenRoom`) once `limit` batches are queued.
 * The first failure stops the worker and rejects every waiter.
 */
export class BatchPipeline<B> {
  private readonly queue: B[] = [];
  private running = false;
  private failure: { err: unknown } | undefined;
  private waiters: Waiter[] = [];
  private readonly failedPromise: Promise<never>;
  private rejectFailed!: (err: unknown) => void;

  /**
   * @param limit - batches that may wait behind the one being worked (`batches_limit`).
   * @param work - processes one batch.
   * @param refill - asked for one more batch when the queue runs dry (live pending changes).
   * @param onIdle - called when the worker has nothing left to do.
   */
  constructor(
    private readonly limit: number,
    private readonly work: (batch: B) => Promise<void>,
    private readonly refill: () => B | undefined = () => undefined,
    private readonly onIdle: () => void = () => undefined,
  ) {
    this.failedPromise = new Promise<never>((_, reject) => {
      this.rejectFailed = reject;
    });
    this.failedPromise.catch(() => undefined);
  }

  /** Rejects with the first failure of a batch (never resolves). */
  failed(): Promise<never> {
    return this.failedPromise;
  }

  /** Queued batches, not counting the one being worked. */
  get size(): number {
    return this.queue.length;
  }

  /** True while a batch is being worked or waits. */
  get busy(): boolean {
    return this.running || this.queue.length > 0;
  }

  /** True when the reader should wait before adding more. */
  get full(): boolean {
    return this.queue.length >= this.limit;
  }

  /** Queues a batch and starts the worker if it is idle. */
  push(batch: B): void {
    if (this.failure) return;
    this.queue.push(batch);
    if (!this.running) void this.drainQueue();
  }

  /** Resolves once fewer than `limit` batches wait. */
  whenRoom(): Promise<void> {
    return this.wait(() => !this.full);
  }

  /** Resolves once every batch is worked. */
  whenDrained(): Promise<void> {
    return this.wait(() => !this.busy);
  }

  private wait(ready: () => boolean): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.err);
    if (ready()) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ ready, resolve, reject }));
  }

  private async drainQueue(): Promise<void> {
    this.running = true;
    for (;;) {
      const batch = this.queue.shift() ?? this.refill();
      if (batch === undefined) break;
      this.notify();
      try {
        await this.work(batch);
      } catch (err) {
        this.failure = { err };
        this.queue.length = 0;
        this.running = false;
        for (const waiter of this.waiters.splice(0)) waiter.reject(err);
        this.rejectFailed(err);
        return;
      }
    }
    this.running = false;
    this.notify();
    this.onIdle();
  }

  private notify(): void {
    const ready = this.waiters.filter((w) => w.ready());
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve();
  }
}
