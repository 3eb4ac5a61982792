/** More entries than a write or a page of a listing ever needs. */
const MAX_ENTRIES = 1024;
/** Text kept at most (UTF-16 code units), so a run of large documents is not pinned in memory. */
const MAX_CHARS = 4 * 1024 * 1024;

/**
 * Document entries as last read, kept until the next commit: LocalAdapter reads the records a
 * write touches right before committing it, and the commit needs their stored values again
 * (to move inline bodies), as does the body read that follows a record read. Only values read
 * while no commit runs are kept, and every commit empties the cache before and after it
 * writes, so an entry is always the store's current value. The last scan is kept too, so the
 * body read that follows a page of a listing finds the page; it is only folded in when a lookup
 * comes, since most scans (skipping, listing without bodies) are followed by none. When full,
 * the oldest entry goes.
 */
export class RecentDocs {
  private readonly values = new Map<string, string | undefined>();
  private chars = 0;
  /** The last scan's records and stored entries, not yet folded in. */
  private scan:
    | { records: readonly { id: string }[]; entries: readonly (readonly [unknown, string])[] }
    | undefined;
  private scanEpoch = 0;
  private committing = false;
  /** Bumped by every commit: a read that began before one must not fill the cache. */
  private epoch = 0;

  /** The current epoch, to hand back to {@link remember} after an asynchronous read. */
  now(): number {
    return this.epoch;
  }

  /** Whether the stored value of `id` is cached (possibly as absent). */
  has(id: string): boolean {
    if (this.scan) this.foldScan();
    return this.values.has(id);
  }

  get(id: string): string | undefined {
    return this.values.get(id);
  }

  /** Keeps a value read at `epoch`, unless a commit began since. */
  remember(id: string, value: string | undefined, epoch: number): void {
    if (this.committing || epoch !== this.epoch) return;
    const size = value?.length ?? 0;
    if (size > MAX_CHARS) return;
    this.forget(id);
    while (this.values.size >= MAX_ENTRIES || this.chars + size > MAX_CHARS) {
      this.forget(this.values.keys().next().value as string);
    }
    this.values.set(id, value);
    this.chars += size;
  }

  private forget(id: string): void {
    if (!this.values.has(id)) return;
    this.chars -= this.values.get(id)?.length ?? 0;
    this.values.delete(id);
  }

  /** Keeps what a scan read at `epoch` (each record's id and its stored entry), unfolded. */
  rememberScan(
    records: readonly { id: string }[],
    entries: readonly (readonly [unknown, string])[],
    epoch: number,
  ): void {
    if (this.committing || epoch !== this.epoch) return;
    this.scan = { records, entries };
    this.scanEpoch = epoch;
  }

  /**
   * The stored values of `ids` straight from the last scan, when every id is in it and they
   * come in scan order (a listing's body read after its page); `undefined` otherwise. Nothing
   * is folded into the cache, so a listing's pages cost no cache upkeep.
   */
  fromScan(ids: readonly string[]): (string | undefined)[] | undefined {
    if (!this.scan) return undefined;
    const { records, entries } = this.scan;
    const values: (string | undefined)[] = new Array(ids.length);
    let at = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      while (at < records.length && records[at]!.id !== id) at++;
      if (at === records.length) return undefined;
      values[i] = entries[at++]![1];
    }
    return values;
  }

  /** Folds the last scan's final entries (as many as fit) into the cache. */
  private foldScan(): void {
    const { records, entries } = this.scan!;
    this.scan = undefined;
    for (let i = Math.max(0, records.length - MAX_ENTRIES); i < records.length; i++) {
      this.remember(records[i]!.id, entries[i]![1], this.scanEpoch);
    }
  }

  /** A commit starts: nothing read from now on is kept. */
  beginCommit(): void {
    this.scan = undefined;
    this.committing = true;
    this.epoch += 1;
  }

  /** The commit is written (or failed): the cache starts over. */
  endCommit(): void {
    this.scan = undefined;
    this.values.clear();
    this.chars = 0;
    this.committing = false;
    this.epoch += 1;
  }

  clear(): void {
    this.scan = undefined;
    this.values.clear();
    this.chars = 0;
    this.epoch += 1;
  }
}
