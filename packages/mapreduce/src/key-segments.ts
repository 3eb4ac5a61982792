import type { Satchel } from '@satchel/core';
import { readLocal } from './local-doc.js';

/**
 * Documents per bucket record of a key segment: a lookup reads one bucket (≈ 10 KB of keys),
 * a segment of N documents costs ⌈N / 128⌉ records instead of N.
 */
export const BUCKET_DOCS = 128;

/**
 * Fewest documents with rows, first seen in one commit, that go into a key segment rather
 * than into key records of their own: below it a segment saves little and adds a lookup read.
 */
export const SEGMENT_MIN_DOCS = 64;

/** Most key segments an index keeps (see {@link KeySegments.add} for how they are merged). */
export const MAX_SEGMENTS = 8;

/** A key segment: its number (in its records' ids) and how many bucket records it has. */
export interface Segment {
  id: number;
  buckets: number;
}

/**
 * The entries of a bucket record, by source document id: the number of the segment the entry
 * was first written in (kept through merges), then the document's keys.
 */
type BucketKeys = Record<string, [number, string[]]>;

/** A bucket record as read: its key lists, and its rev when it exists. */
interface Bucket {
  keys: BucketKeys;
  rev?: string;
}

/** The id of bucket `bucket` of segment `segment`. */
function bucketId(segment: number, bucket: number): string {
  return `_local/keys_${segment}_${bucket}`;
}

/** The bucket of `docId` among `buckets` (FNV-1a over its UTF-16 code units: stable forever). */
export function bucketOf(docId: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < docId.length; i++) {
    hash ^= docId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % buckets;
}

/**
 * The bucket records holding the key lists of `docs`, for segment `id`: a record per
 * {@link BUCKET_DOCS} documents, each document in the bucket its id hashes to.
 */
function bucketRecords(
  id: number,
  docs: ReadonlyMap<string, [number, string[]]>,
): Segment & { records: Record<string, unknown>[] } {
  const buckets = Math.max(1, Math.ceil(docs.size / BUCKET_DOCS));
  const contents: BucketKeys[] = Array.from({ length: buckets }, () => ({}));
  for (const [docId, entry] of docs) contents[bucketOf(docId, buckets)]![docId] = entry;
  const records = contents.map((keys, b) => ({ _id: bucketId(id, b), keys: JSON.stringify(keys) }));
  return { id, buckets, records };
}

/**
 * The index's key segments: the key lists of documents first indexed many at a time (an index
 * build, a bulk load), kept in a few write-once bucket records instead of one
 * `_local/doc_<id>` record each, so a build writes about one record per row, not two. Once a
 * document changes it gets its own key record, numbered (`seg`) after every segment then
 * written: a segment entry counts only when written in a later segment (a purged document
 * re-created), so records and segments never need rewriting to agree. A new segment takes in
 * the newest smaller ones (see {@link KeySegments.add}). Their list is kept in the index's
 * checkpoint, written in the same commit as they are.
 */
export class KeySegments {
  /** Buckets read in this update (records are write-once: what was read stays true). */
  private readonly read = new Map<string, Promise<Bucket>>();

  /**
   * @param db - the index database.
   * @param segments - the segments the checkpoint lists, oldest first.
   * @param next - the number the next segment gets.
   */
  constructor(
    private readonly db: Satchel,
    public segments: Segment[],
    public next: number,
  ) {}

  /** One bucket record: its key lists (none when it is missing) and its rev. */
  private bucket(segment: number, bucket: number): Promise<Bucket> {
    const id = bucketId(segment, bucket);
    let found = this.read.get(id);
    if (!found) {
      found = readLocal<{ keys?: string; _rev?: string }>(this.db, id).then((doc) =>
        doc?.keys === undefined ? { keys: {} } : { keys: JSON.parse(doc.keys), rev: doc._rev },
      );
      this.read.set(id, found);
    }
    return found;
  }

  /**
   * The key list the segments hold for `docId` (the newest entry), when it was written in
   * segment `since` or later (a key record written when `since` was the next number is newer
   * than any earlier entry); undefined otherwise. Without segments nothing is read.
   */
  async lookup(docId: string, since: number): Promise<string[] | undefined> {
    for (let s = this.segments.length - 1; s >= 0; s--) {
      const { id, buckets } = this.segments[s]!;
      const entry = (await this.bucket(id, bucketOf(docId, buckets))).keys[docId];
      if (entry !== undefined) return entry[0] >= since ? entry[1] : undefined;
    }
    return undefined;
  }

  /**
   * The records of a new segment holding `docs` (document id to its keys). Like a binary
   * counter, the new segment takes in the newest segments no bigger than itself (and one more
   * whenever there would be more than {@link MAX_SEGMENTS}): segments stay few (about
   * log2(N / 128)) and an entry is rewritten about as many times, not once per new segment.
   * @param docs - the key lists of documents with no key record and no segment entry.
   */
  async add(docs: ReadonlyMap<string, string[]>): Promise<Record<string, unknown>[]> {
    const id = this.next++;
    const taken: Segment[] = [];
    let size = Math.ceil(docs.size / BUCKET_DOCS);
    for (let last = this.segments.at(-1); last; last = this.segments.at(-1)) {
      if (last.buckets > size && this.segments.length < MAX_SEGMENTS) break;
      taken.unshift(this.segments.pop()!);
      size += last.buckets;
    }
    const entries = new Map<string, [number, string[]]>();
    const deletions: Record<string, unknown>[] = [];
    // Oldest first: a newer entry of a document replaces an older one.
    for (const segment of taken) await this.takeIn(segment, entries, deletions);
    for (const [docId, keys] of docs) entries.set(docId, [id, keys]);
    const segment = bucketRecords(id, entries);
    this.segments.push({ id, buckets: segment.buckets });
    return [...deletions, ...segment.records];
  }

  /**
   * Adds the entries of `segment` to `entries` (they keep the numbers they were written
   * with) and the deletions of its records to `deletions`.
   */
  private async takeIn(
    segment: Segment,
    entries: Map<string, [number, string[]]>,
    deletions: Record<string, unknown>[],
  ): Promise<void> {
    for (let b = 0; b < segment.buckets; b++) {
      const id = bucketId(segment.id, b);
      const { keys, rev } = await this.bucket(segment.id, b);
      this.read.delete(id);
      for (const [docId, entry] of Object.entries(keys)) entries.set(docId, entry);
      if (rev !== undefined) deletions.push({ _id: id, _rev: rev, _deleted: true });
    }
  }
}
