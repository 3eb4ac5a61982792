/**
 * PouchDB's `db.taskqueue`: older plugins check `isReady` and queue work with `addTask` until
 * the adapter has opened. Satchel's own methods simply await readiness; this keeps them working.
 */
export class TaskQueue {
  isReady = false;
  failed: Error | false = false;
  #queue: ((failed: Error | false) => void)[] = [];

  /** Runs `task` now if ready (or failed), else once the database opens. */
  addTask(task: (failed: Error | false) => void): void {
    if (this.isReady || this.failed) task(this.failed);
    else this.#queue.push(task);
  }

  /** Marks the database open and runs queued tasks. */
  ready(): void {
    this.isReady = true;
    this.#flush();
  }

  /** Marks the database as failed to open; queued tasks receive the error. */
  fail(err: Error): void {
    this.failed = err;
    this.#flush();
  }

  #flush(): void {
    const tasks = this.#queue;
    this.#queue = [];
    for (const task of tasks) task(this.failed);
  }
}
