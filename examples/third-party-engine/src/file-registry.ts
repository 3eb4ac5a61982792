import { resolve } from 'node:path';

/** What the engines of one process share about one snapshot file. */
interface FileEntry {
  /** The tail of the queue that serialises commits to the file. */
  tail: Promise<unknown>;
  /** The listeners of engines watching the file. */
  watchers: Set<() => void>;
}

const files = new Map<string, FileEntry>();

function entry(path: string): FileEntry {
  const key = resolve(path);
  let found = files.get(key);
  if (!found) {
    found = { tail: Promise.resolve(), watchers: new Set() };
    files.set(key, found);
  }
  return found;
}

/**
 * Runs `task` after every task queued before on the same file has settled: a commit's
 * check-then-write never interleaves with another engine's in this process.
 */
export function exclusive<T>(path: string, task: () => Promise<T>): Promise<T> {
  const file = entry(path);
  const result = file.tail.then(task);
  file.tail = result.catch(() => undefined);
  return result;
}

/** Adds a listener called after other engines commit to the file; returns its remover. */
export function listen(path: string, listener: () => void): () => void {
  const { watchers } = entry(path);
  watchers.add(listener);
  return () => watchers.delete(listener);
}

/** Tells every listener of the file except the writer's own that it changed, on a later tick. */
export function notify(path: string, own: ReadonlySet<() => void>): void {
  for (const listener of entry(path).watchers) {
    if (!own.has(listener)) setTimeout(listener, 0);
  }
}
