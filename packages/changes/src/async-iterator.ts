import type { Listener } from '@satchel/core';

/** What iteration needs of a feed: its change events, its outcome, and a way to stop it. */
export interface IterableFeed<C> {
  on(event: 'change', listener: (change: C) => void): unknown;
  removeListener(event: 'change', listener: Listener): unknown;
  then(onDone: () => void, onError: (err: unknown) => void): unknown;
  cancel(): void;
}

/**
 * Iterates a feed's changes: `for await (const change of db.changes({live: true}))`. Changes
 * are buffered until the loop asks for them; the loop ends when the feed completes, throws
 * when it fails, and cancels the feed when the loop is left early (`break`, `return`, throw).
 */
export function iterateFeed<C>(feed: IterableFeed<C>): AsyncIterableIterator<C> {
  const buffer: C[] = [];
  let waiting: { resolve(r: IteratorResult<C>): void; reject(err: unknown): void } | undefined;
  let done = false;
  let failure: { err: unknown } | undefined;

  const onChange = (change: C): void => {
    if (done) return;
    if (waiting) takeWaiter().resolve({ value: change, done: false });
    else buffer.push(change);
  };
  const takeWaiter = () => {
    const w = waiting!;
    waiting = undefined;
    return w;
  };
  const finish = (err?: { err: unknown }): void => {
    feed.removeListener('change', onChange as Listener);
    if (done) return;
    done = true;
    failure = err;
    if (!waiting) return;
    if (failure) takeWaiter().reject(takeFailure());
    else takeWaiter().resolve({ value: undefined, done: true });
  };
  const takeFailure = (): unknown => {
    const err = failure?.err;
    failure = undefined;
    return err;
  };

  feed.on('change', onChange);
  feed.then(
    () => finish(),
    (err) => finish({ err }),
  );

  return {
    next(): Promise<IteratorResult<C>> {
      if (buffer.length > 0) return Promise.resolve({ value: buffer.shift() as C, done: false });
      if (failure) return Promise.reject(takeFailure());
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    return(): Promise<IteratorResult<C>> {
      buffer.length = 0;
      finish();
      failure = undefined;
      feed.cancel();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
