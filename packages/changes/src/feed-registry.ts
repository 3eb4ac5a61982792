import type { Satchel } from '@satchel/core';

/** What the registry needs of a feed. */
export interface Cancellable {
  cancel(): void;
}

interface DbFeeds {
  feeds: Set<Cancellable>;
  stopAll: () => void;
}

const byDb = new WeakMap<Satchel, DbFeeds>();

/**
 * Cancels a database's open feeds when it is closed or destroyed. One `closed` and one
 * `destroyed` listener per database however many feeds are open (a listener per feed would
 * trip Node's 10-listener warning), removed again when the last feed ends.
 * Returns the function that forgets `feed`.
 */
export function trackFeed(db: Satchel, feed: Cancellable): () => void {
  let entry = byDb.get(db);
  if (!entry) {
    entry = watchDb(db);
    byDb.set(db, entry);
  }
  entry.feeds.add(feed);
  return () => untrackFeed(db, feed);
}

function watchDb(db: Satchel): DbFeeds {
  const feeds = new Set<Cancellable>();
  const stopAll = (): void => {
    for (const feed of [...feeds]) feed.cancel();
  };
  db.on('closed', stopAll);
  db.on('destroyed', stopAll);
  return { feeds, stopAll };
}

function untrackFeed(db: Satchel, feed: Cancellable): void {
  const entry = byDb.get(db);
  if (!entry?.feeds.delete(feed) || entry.feeds.size > 0) return;
  byDb.delete(db);
  db.removeListener('closed', entry.stopAll);
  db.removeListener('destroyed', entry.stopAll);
}

/** How many feeds are open on `db` (for tests and diagnostics). */
export function openFeedCount(db: Satchel): number {
  return byDb.get(db)?.feeds.size ?? 0;
}
