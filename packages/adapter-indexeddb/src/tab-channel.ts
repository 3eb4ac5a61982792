import type { CacheChange } from './doc-cache.js';

/**
 * What one engine tells the others on its database: a commit (from which version to which,
 * and which document, local and body keys it changed, so their caches can follow without a
 * read),
 * or `'destroyed'`. Keys only: values stay in the store, read if needed.
 */
export type TabMessage = { from: string; to: string; change: CacheChange } | 'destroyed';

/**
 * Tells the other tabs (and other engines in this page) on one database that it changed:
 * after a commit and after a destroy. A missed message is harmless: the version token makes
 * the next commit of a stale engine fail and reload, and a cache that misses a step drops itself.
 */
export class TabChannel {
  #channel: BroadcastChannel | undefined;
  readonly #listeners = new Set<(message: TabMessage) => void>();

  constructor(private readonly name: string) {}

  /** Announces a change; a no-op where BroadcastChannel is missing. */
  post(message: TabMessage): void {
    this.#open()?.postMessage(message);
  }

  /** Calls `listener` (asynchronously) on every change another engine announces. */
  listen(listener: (message: TabMessage) => void): () => void {
    this.#listeners.add(listener);
    this.#open();
    return () => {
      this.#listeners.delete(listener);
    };
  }

  close(): void {
    this.#channel?.close();
    this.#channel = undefined;
    this.#listeners.clear();
  }

  #open(): BroadcastChannel | undefined {
    if (this.#channel || typeof BroadcastChannel !== 'function') return this.#channel;
    this.#channel = new BroadcastChannel(this.name);
    this.#channel.onmessage = (event: MessageEvent<TabMessage>) => {
      for (const listener of [...this.#listeners]) listener(event.data);
    };
    return this.#channel;
  }
}
