import type { Adapter } from '@satchel/core';

/** Wakes a live feed when there may be new changes to read. */
export interface ChangeWatcher {
  /** The feed finished a catch-up; `active` tells whether it found anything new. */
  settled(active: boolean): void;
  /** Stops watching: no more wake-ups, no listener or timer left behind. */
  stop(): void;
}

/** Poll delays for adapters that cannot notify (milliseconds). */
export interface PollDelays {
  min: number;
  max: number;
}

/** First and longest poll delay: quick after activity, backing off to 10 s when idle. */
export const DEFAULT_POLL_DELAYS: PollDelays = { min: 50, max: 10_000 };

/**
 * The seam between live feeds and adapters. An adapter with `onChange` (every local one)
 * notifies after each committed write: the feed subscribes to that listener set, so a thousand
 * feeds add nothing to any EventEmitter. An adapter without it is polled: the feed re-reads
 * after `min` ms, doubling up to `max` while nothing changes, back to `min` after a change.
 * Remote adapters (`serverChanges`) are not watched at all: their feeds long-poll instead.
 */
export function watchChanges(
  adapter: Adapter,
  wake: () => void,
  delays: PollDelays = DEFAULT_POLL_DELAYS,
): ChangeWatcher {
  if (typeof adapter.onChange === 'function') {
    const unsubscribe = adapter.onChange(wake);
    return { settled: () => undefined, stop: unsubscribe };
  }
  return pollWatcher(wake, delays);
}

function pollWatcher(wake: () => void, delays: PollDelays): ChangeWatcher {
  let delay = delays.min;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  return {
    settled(active) {
      if (stopped) return;
      delay = active ? delays.min : Math.min(delay * 2, delays.max);
      clearTimeout(timer);
      timer = setTimeout(wake, delay);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
