/**
 * Orders the engines that use one directory in this process: an engine opens only after the
 * previous one on the same directory finished closing (or destroying). Without it,
 * `db.close(); new Satchel(name)` would hit LevelDB's lock, and `db.destroy(); new
 * Satchel(name)` could have its fresh store deleted under it.
 */
export class Handoff {
  private readonly pending = new Map<string, Promise<void>>();

  /** Resolves once the last release registered for `key` has settled. */
  async wait(key: string): Promise<void> {
    await this.pending.get(key);
  }

  /**
   * Registers `release` (a close or destroy in progress) for `key` and returns it, so the
   * caller still sees its outcome; later `wait`s resolve when it settles, even if it failed.
   */
  release(key: string, release: Promise<void>): Promise<void> {
    const settled = release.then(
      () => undefined,
      () => undefined,
    );
    this.pending.set(key, settled);
    settled.then(() => {
      if (this.pending.get(key) === settled) this.pending.delete(key);
    });
    return release;
  }

  /**
   * Runs `task` once the last release registered for `key` has settled, registered as the new
   * release: two removals of one directory never run at once (`rm` of a directory that another
   * `rm` is emptying fails with ENOTEMPTY).
   */
  after(key: string, task: () => Promise<void>): Promise<void> {
    const previous = this.pending.get(key) ?? Promise.resolve();
    return this.release(key, previous.then(task));
  }
}
