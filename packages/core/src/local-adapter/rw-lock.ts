/**
 * A readers-writer lock: reads run together, a write runs alone. Reads that need a document
 * record and its body to agree (a write may compact the body in between) take the read side.
 */
export class RwLock {
  #readers = 0;
  #writing = false;
  readonly #waiting: { write: boolean; start: () => void; token?: object }[] = [];

  /** Runs `task` while no write runs. */
  read<T>(task: () => Promise<T>): Promise<T> {
    return this.#acquire(false, task);
  }

  /**
   * Runs `task` alone, after the writes and reads queued before it.
   * @param token - names the task while it waits, for {@link isLastWaiting}.
   */
  write<T>(task: () => Promise<T>, token?: object): Promise<T> {
    return this.#acquire(true, task, token);
  }

  /**
   * Whether the task queued with `token` is still waiting and nothing was queued after it: work
   * added to it now runs exactly where it would have run if queued on its own.
   */
  isLastWaiting(token: object): boolean {
    const last = this.#waiting[this.#waiting.length - 1];
    return last !== undefined && last.token === token;
  }

  #acquire<T>(write: boolean, task: () => Promise<T>, token?: object): Promise<T> {
    // Free now (the usual case): run at once, with no closure or extra promise per call.
    if (this.#canStart(write)) return this.#run(write, task);
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.#run(write, task).then(resolve, reject);
      };
      this.#waiting.push(token ? { write, start, token } : { write, start });
    });
  }

  #run<T>(write: boolean, task: () => Promise<T>): Promise<T> {
    if (write) this.#writing = true;
    else this.#readers++;
    let running: Promise<T>;
    try {
      running = task();
    } catch (err) {
      this.#release(write);
      return Promise.reject(err);
    }
    return write
      ? running.then(this.#writeDone as (v: T) => T, this.#writeFailed)
      : running.then(this.#readDone as (v: T) => T, this.#readFailed);
  }

  readonly #writeDone = (value: unknown): unknown => {
    this.#release(true);
    return value;
  };
  readonly #writeFailed = (err: unknown): never => {
    this.#release(true);
    throw err;
  };
  readonly #readDone = (value: unknown): unknown => {
    this.#release(false);
    return value;
  };
  readonly #readFailed = (err: unknown): never => {
    this.#release(false);
    throw err;
  };

  #canStart(write: boolean): boolean {
    if (this.#waiting.length > 0) return false;
    return write ? !this.#writing && this.#readers === 0 : !this.#writing;
  }

  #release(write: boolean): void {
    if (write) this.#writing = false;
    else this.#readers--;
    this.#drain();
  }

  #drain(): void {
    while (this.#waiting.length > 0) {
      const next = this.#waiting[0]!;
      const free = next.write ? !this.#writing && this.#readers === 0 : !this.#writing;
      if (!free) return;
      this.#waiting.shift();
      next.start();
      if (next.write) return;
    }
  }
}
