import { approxSize } from './approx-size.js';
import type { DocUpdate } from './index-writes.js';
import type { ViewEntry } from './view-entry.js';

/** Most changed source documents one index commit carries. */
export const HELD_DOCS_LIMIT = 2000;

/** Most bytes (roughly, as JSON) of rows and key records one index commit carries. */
export const HELD_BYTES_LIMIT = 4 * 1024 * 1024;

/** What a document's rows add to a commit: each row, and its key in the document's key record. */
function rowsSize(entries: readonly ViewEntry[]): number {
  let size = 0;
  for (const entry of entries) size += 2 * entry.indexKey.length + approxSize(entry.value) + 32;
  return size;
}

/**
 * The index writes of several batches of the changes feed, held back so that they share one
 * commit: an index build then costs a commit per {@link HELD_DOCS_LIMIT} documents (or
 * {@link HELD_BYTES_LIMIT} bytes, so large rows do not pile up in memory), not one per batch.
 * Until they are written the index still stores what each held update read, so a document
 * seen again in a later batch keeps its held old keys and key-record rev and takes the new rows.
 */
export class HeldWrites {
  private readonly updates = new Map<string, DocUpdate>();
  private bytes = 0;
  /** Records written with the rows (the index's new `_local/purgeSeq`). */
  private extra: Record<string, unknown>[] = [];

  /** Whether the writes of document `id` are held (so its stored key record is not current). */
  has(id: string): boolean {
    return this.updates.has(id);
  }

  /** Holds a document's update; see the class note for a document already held. */
  add(update: DocUpdate): void {
    const held = this.updates.get(update.id);
    if (held) held.entries = update.entries;
    else this.updates.set(update.id, update);
    this.bytes += rowsSize(update.entries);
  }

  /** Holds a record to write with the rows. */
  addRecord(record: Record<string, unknown>): void {
    this.extra.push(record);
  }

  /** Whether the held writes reached a bound and should be written now. */
  get full(): boolean {
    return this.updates.size >= HELD_DOCS_LIMIT || this.bytes >= HELD_BYTES_LIMIT;
  }

  /** Whether nothing is held. */
  get empty(): boolean {
    return this.updates.size === 0 && this.extra.length === 0;
  }

  /** Hands over the held updates and records, and starts holding afresh. */
  take(): { updates: DocUpdate[]; records: Record<string, unknown>[] } {
    const taken = { updates: [...this.updates.values()], records: this.extra };
    this.updates.clear();
    this.extra = [];
    this.bytes = 0;
    return taken;
  }
}
