import type { CacheChange } from './doc-cache.js';

/**
 * What one engine tells the others on its database: a commit (from which version to which,
 * and which document, local and body keys it changed, so their caches can follow without a
 * read),
 * or `'destroyed'`. Keys only: values stay in the store, read if needed.
 */
export type TabMessage = { from: string; to: string; change: CacheChange } | 'destroyed';

/**
 * How long commit messages wait to be sent together: posting costs the writer about as much
 * as one IndexedDB request, and a run of small commits (single puts) would pay it on each.
 */
const COALESCE_MS = 8;

/**
 * Tells the other tabs (and other engines in this page) on one database that it changed:
 * after a commit and after a destroy. Messages of commits in quick succession go out together,
 * in order, a few milliseconds late. A missed message is harmless: the version token makes
 * the next commit of a stale engine fail and reload, and a cache that misses a step drops itself.
 */
export class TabChannel {
  #channel: BroadcastChannel | undefined;
  readonly #listeners = new Set<(messages: readonly TabMessage[]) => void>();
  #queued: TabMessage[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly name: string) {}

  /**
   * Announces a change, soon (`'destroyed'` at once, with anything queued before it); a no-op
   * where BroadcastChannel is missing.
   */
  post(message: TabMessage): void {
    if (!this.#open()) return;
    this.#queued.push(message);
    if (message === 'destroyed') this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  /** Sends what is queued now. */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#queued.length === 0) return;
    this.#channel?.postMessage(this.#queued);
    this.#queued = [];
  }

  /** Calls `listener` (asynchronously) with the changes other engines announce, in order. */
  listen(listener: (messages: readonly TabMessage[]) => void): () => void {
    this.#listeners.add(listener);
    this.#open();
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Sends what is queued, then stops. */
  close(): void {
    this.flush();
    this.#channel?.close();
    this.#channel = undefined;
    this.#listeners.clear();
  }

  #open(): BroadcastChannel | undefined {
    if (this.#channel || typeof BroadcastChannel !== 'function') return this.#channel;
    this.#channel = new BroadcastChannel(this.name);
    this.#channel.onmessage = (event: MessageEvent<TabMessage[]>) => {
      if (!Array.isArray(event.data)) return;
      for (const listener of [...this.#listeners]) listener(event.data);
    };
    return this.#channel;
  }
}
