import type { Satchel } from '@satchel/core';
import type { DocUpdate } from './index-writes.js';
import { type KeySegments, SEGMENT_MIN_DOCS } from './key-segments.js';
import { readLocal } from './local-doc.js';

/** The `_local/doc_<id>` key record of a source document, as stored. */
export interface KeyRecord {
  keys?: string[];
  _rev?: string;
  /**
   * The next segment number when it was written: it is newer than every segment entry of its
   * document written before, older than any written since (absent: older than all).
   */
  seg?: number;
}

/** The id of the key record of source document `docId`. */
export function keyRecordId(docId: string): string {
  return `_local/doc_${docId}`;
}

/** The indexable strings of a document's new rows. */
function newKeys(update: DocUpdate): string[] {
  const keys: string[] = new Array(update.entries.length);
  for (let i = 0; i < keys.length; i++) keys[i] = update.entries[i]!.indexKey;
  return keys;
}

/**
 * The key record write of one changed document, if any. With no segments, a document left
 * without rows loses its record (a re-created first revision then needs no lookup); once there
 * are segments, it keeps an empty one, which hides its segment entry.
 */
function keyRecord(update: DocUpdate, segments: KeySegments): Record<string, unknown> | undefined {
  const _id = keyRecordId(update.id);
  const rev = update.keysRev === undefined ? {} : { _rev: update.keysRev };
  const empty = update.entries.length === 0;
  if (segments.next === 0) {
    if (!empty) return { _id, ...rev, keys: newKeys(update) };
    return update.keysRev === undefined ? undefined : { _id, ...rev, _deleted: true };
  }
  if (empty && update.keysRev === undefined && update.inSegment !== true) return undefined;
  return { _id, ...rev, keys: empty ? [] : newKeys(update), seg: segments.next };
}

/**
 * Reads the key-record revs of first revisions that get records of their own although the
 * index has segments: a document purged and re-created may have kept an empty record.
 */
async function readRevs(db: Satchel, updates: DocUpdate[]): Promise<void> {
  await Promise.all(
    updates.map(async (update) => {
      const rev = (await readLocal<KeyRecord>(db, keyRecordId(update.id)))?._rev;
      if (rev !== undefined) update.keysRev = rev;
    }),
  );
}

/**
 * The key-record writes of changed documents: the documents seen for the first time, when
 * there are at least {@link SEGMENT_MIN_DOCS} with rows, go into a new key segment (a few
 * records for all of them); every other one gets its own `_local/doc_<id>` record.
 * @param db - the index database.
 * @param updates - the changed documents' old keys and new rows.
 * @param segments - the index's key segments (a new one is added to them).
 */
export async function keyRecords(
  db: Satchel,
  updates: readonly DocUpdate[],
  segments: KeySegments,
): Promise<Record<string, unknown>[]> {
  const firsts = updates.filter((u) => u.fresh === true && u.entries.length > 0);
  const docs: Record<string, unknown>[] = [];
  let own: readonly DocUpdate[] = updates;
  if (firsts.length >= SEGMENT_MIN_DOCS) {
    const keys = new Map(firsts.map((u) => [u.id, newKeys(u)]));
    for (const record of await segments.add(keys)) docs.push(record);
    own = updates.filter((u) => !keys.has(u.id));
  } else if (firsts.length > 0 && segments.next > 0) {
    await readRevs(db, firsts);
  }
  for (const update of own) {
    const record = keyRecord(update, segments);
    if (record) docs.push(record);
  }
  return docs;
}
