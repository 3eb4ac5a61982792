/** A task run under the lock, given the two arguments it was queued with. */
type LockTask<T, A, B> = (a: A, b: B) => Promise<T>;

/**
 * A task waiting for the lock. Every waiter is built by one object literal with every member
 * present, so all share one shape (hidden class) that lives as long as this code does.
 */
interface Waiter {
  readonly write: boolean;
  readonly task: LockTask<unknown, unknown, unknown>;
  readonly a: unknown;
  readonly b: unknown;
  readonly token: object | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * A readers-writer lock: reads run together, a write runs alone. Reads that need a document
 * record and its body to agree (a write may compact the body in between) take the read side.
 *
 * Tasks are given with their arguments (`write(task, a, b)`) rather than as closures: a
 * closure made per call is a new function each time, whose optimized code V8 keeps only while
 * one such closure lives, so after every full garbage collection it would be compiled again.
 */
export class RwLock {
  #readers = 0;
  #writing = false;
  readonly #waiting: Waiter[] = [];

  /** Runs `task(a, b)` while no write runs. */
  read<T, A = undefined, B = undefined>(task: LockTask<T, A, B>, a?: A, b?: B): Promise<T> {
    if (this.#canStart(false)) return this.#runRead(task, a as A, b as B);
    return this.#queue(false, task, a as A, b as B, undefined);
  }

  /**
   * Runs `task(a, b)` alone, after the writes and reads queued before it.
   * @param token - names the task while it waits, for {@link isLastWaiting}.
   */
  write<T, A = undefined, B = undefined>(
    task: LockTask<T, A, B>,
    a?: A,
    b?: B,
    token?: object,
  ): Promise<T> {
    if (this.#canStart(true)) return this.#runWrite(task, a as A, b as B);
    return this.#queue(true, task, a as A, b as B, token);
  }

  /**
   * Takes the write side at once if it is free and nothing waits, as {@link write} would run a
   * task then; the caller must call {@link endWrite} when done. Lets a write that holds the lock
   * for one `await` of its own do without the lock's promise.
   */
  tryWrite(): boolean {
    if (!this.#canStart(true)) return false;
    this.#writing = true;
    return true;
  }

  /** Releases the write side taken by {@link tryWrite}. */
  endWrite(): void {
    this.#release(true);
  }

  /**
   * Whether the task queued with `token` is still waiting and nothing was queued after it: work
   * added to it now runs exactly where it would have run if queued on its own.
   */
  isLastWaiting(token: object): boolean {
    const last = this.#waiting[this.#waiting.length - 1];
    return last !== undefined && last.token === token;
  }

  #queue<T, A, B>(
    write: boolean,
    task: LockTask<T, A, B>,
    a: A,
    b: B,
    token: object | undefined,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({
        write,
        task: task as LockTask<unknown, unknown, unknown>,
        a,
        b,
        token,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
    });
  }

  /** A write, from start to release; a task that throws releases the lock too. */
  async #runWrite<T, A, B>(task: LockTask<T, A, B>, a: A, b: B): Promise<T> {
    this.#writing = true;
    try {
      return await task(a, b);
    } finally {
      this.#release(true);
    }
  }

  async #runRead<T, A, B>(task: LockTask<T, A, B>, a: A, b: B): Promise<T> {
    this.#readers++;
    try {
      return await task(a, b);
    } finally {
      this.#release(false);
    }
  }

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
      const running = next.write
        ? this.#runWrite(next.task, next.a, next.b)
        : this.#runRead(next.task, next.a, next.b);
      running.then(next.resolve, next.reject);
      if (next.write) return;
    }
  }
}
