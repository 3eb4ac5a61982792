/**
 * Tells the other tabs (and other engines in this page) on one database that it changed:
 * after a commit (with the new version) and after a destroy. A missed message is harmless:
 * the version token makes the next commit of a stale engine fail and reload.
 */
export class TabChannel {
  #channel: BroadcastChannel | undefined;
  readonly #listeners = new Set<() => void>();

  constructor(private readonly name: string) {}

  /** Announces a change; a no-op where BroadcastChannel is missing. */
  post(version: string): void {
    this.#open()?.postMessage(version);
  }

  /** Calls `listener` (asynchronously) on every change another engine announces. */
  listen(listener: () => void): () => void {
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
    this.#channel.onmessage = () => {
      for (const listener of [...this.#listeners]) listener();
    };
    return this.#channel;
  }
}
