import { type AnyDoc, type Satchel, toIndexableString } from '@satchel/core';
import type { MangoIndex } from './index-store.js';

/** How many changes one update step reads and writes in one `bulkDocs`. */
const BATCH_SIZE = 1000;
/** Where the companion keeps the source sequence it reflects. */
const SEQ_ID = '_local/mango-seq';
/** Prefix of the per-document records (above every `toIndexableString` of an array). */
export const RECORD_PREFIX = '~';

interface Change {
  id: string;
  doc?: Record<string, unknown> | null;
  deleted?: boolean;
}

interface ChangesBatch {
  results: Change[];
  last_seq: number | string;
}

type ChangesReader = (opts: Record<string, unknown>) => Promise<ChangesBatch>;

/** The source's changes feed: its `changes` method (wrappable), else its adapter's. */
function changesReader(source: Satchel): ChangesReader {
  const method = (source as unknown as { changes?: (o: object) => PromiseLike<ChangesBatch> })
    .changes;
  if (typeof method === 'function') return async (opts) => method.call(source, opts);
  return (opts) => source._adapter.changes(opts) as Promise<ChangesBatch>;
}

/** The index row a changed document should have now, or `undefined`. */
function rowIdOf(index: MangoIndex, change: Change): string | undefined {
  const doc = change.doc;
  if (!doc || change.deleted || doc._deleted) return undefined;
  try {
    const key = index.keyOf(doc);
    return key === undefined ? undefined : toIndexableString([key, change.id]);
  } catch {
    // A document PouchDB's mapper would throw on is left out of the index, as there.
    return undefined;
  }
}

/** What the companion holds for a document: its record's `_rev` and current row. */
interface Known {
  recordRev?: string;
  row?: string;
}

/** The records of the documents among `ids` (deleted records give only their `_rev`). */
async function readRecords(index: MangoIndex, ids: string[]): Promise<Map<string, Known>> {
  const known = new Map<string, Known>();
  if (ids.length === 0) return known;
  const keys = ids.map((id) => RECORD_PREFIX + id);
  const res = await index.db.allDocs({ keys, include_docs: true });
  for (const row of res.rows) {
    if (!row.value) continue;
    const doc = row.doc as { k?: unknown } | null | undefined;
    const entry: Known = { recordRev: row.value.rev };
    if (!row.value.deleted && typeof doc?.k === 'string') entry.row = doc.k;
    known.set(row.id.slice(RECORD_PREFIX.length), entry);
  }
  return known;
}

/** The `_rev` of each of `ids` the companion has ever held, and whether it is deleted. */
async function rowRevs(
  index: MangoIndex,
  ids: string[],
): Promise<Map<string, { rev: string; deleted: boolean }>> {
  const revs = new Map<string, { rev: string; deleted: boolean }>();
  if (ids.length === 0) return revs;
  const res = await index.db.allDocs({ keys: ids });
  for (const row of res.rows) {
    if (row.value) revs.set(row.id, { rev: row.value.rev, deleted: row.value.deleted === true });
  }
  return revs;
}

/**
 * The revision fields of the next edit after `rev` (or of a first edit). The companion is
 * written with `new_edits: false` and revisions made here: its documents are private, so
 * hashing their bodies (as a normal write does) would buy nothing.
 */
function nextRev(rev: string | undefined): {
  _rev: string;
  _revisions?: { start: number; ids: string[] };
} {
  if (rev === undefined) return { _rev: `1-${revHash(1)}` };
  const dash = rev.indexOf('-');
  const start = Number(rev.slice(0, dash)) + 1;
  return {
    _rev: `${start}-${revHash(start)}`,
    _revisions: { start, ids: [revHash(start), rev.slice(dash + 1)] },
  };
}

/** The rev hashes of the first generations, made once: an index build writes thousands of `1-…`. */
const REV_HASHES = Array.from({ length: 64 }, (_, generation) =>
  generation.toString(16).padStart(32, '0'),
);

function revHash(generation: number): string {
  return REV_HASHES[generation] ?? generation.toString(16).padStart(32, '0');
}

/**
 * The companion writes bringing the changed documents' rows and records up to date.
 * @param index - the index.
 * @param changes - the batch's changes (design and local documents left out).
 * @param lookup - whether the companion may already hold something for this document.
 */
async function plannedWrites(
  index: MangoIndex,
  changes: Change[],
  lookup: (id: string) => boolean,
): Promise<AnyDoc[]> {
  const ids = changes.map((c) => c.id);
  const known = await readRecords(index, ids.filter(lookup));
  const rows = changes.map((change) => rowIdOf(index, change));
  const touched: string[] = [];
  ids.forEach((id, i) => {
    const old = known.get(id)?.row;
    if (old === rows[i] || !lookup(id)) return;
    if (old !== undefined) touched.push(old);
    if (rows[i] !== undefined) touched.push(rows[i] as string);
  });
  const revs = await rowRevs(index, touched);
  const docs: AnyDoc[] = [];
  ids.forEach((id, i) => {
    const entry = known.get(id);
    const row = rows[i];
    if (row === entry?.row) return;
    const old = entry?.row !== undefined ? revs.get(entry.row) : undefined;
    if (old && !old.deleted)
      docs.push({ _id: entry?.row as string, ...nextRev(old.rev), _deleted: true });
    if (row !== undefined) docs.push({ _id: row, ...nextRev(revs.get(row)?.rev) });
    if (row !== undefined) {
      docs.push({ _id: RECORD_PREFIX + id, ...nextRev(entry?.recordRev), k: row });
    } else if (entry?.recordRev !== undefined) {
      docs.push({ _id: RECORD_PREFIX + id, ...nextRev(entry.recordRev), _deleted: true });
    }
  });
  return docs;
}

async function readSeq(index: MangoIndex): Promise<{ seq: number | string; rev?: string }> {
  try {
    const doc = (await index.db.get(SEQ_ID)) as { seq: number | string; _rev: string };
    return { seq: doc.seq, rev: doc._rev };
  } catch (err) {
    if ((err as { status?: number }).status !== 404) throw err;
    return { seq: 0 };
  }
}

/**
 * Refuses a batch the changes feed cancelled (`{status: 'cancelled'}`, no results: the source
 * was closed or destroyed while it read), with the error a call on such a database gets.
 */
function checkNotCancelled(source: Satchel, batch: ChangesBatch): void {
  if (Array.isArray(batch?.results)) return;
  throw new Error(source._destroyed ? 'database is destroyed' : 'database is closed');
}

/**
 * Brings an index up to date with its source, reading only the changes since the sequence it
 * reflects (work proportional to the writes since the last update). Rows, records and the new
 * sequence of each batch are written in one `bulkDocs`, so a crash never leaves them apart.
 * @param source - the source database.
 * @param index - the index.
 */
export async function updateIndex(source: Satchel, index: MangoIndex): Promise<void> {
  const readChanges = changesReader(source);
  let { seq, rev } = await readSeq(index);
  // With no recorded sequence the companion is empty (each batch is written with its
  // sequence, atomically): only documents seen earlier in this run need looking up.
  const seen = rev === undefined ? new Set<string>() : undefined;
  const lookup = (id: string): boolean => seen === undefined || seen.has(id);
  for (;;) {
    const batch = await readChanges({
      since: seq,
      include_docs: true,
      limit: BATCH_SIZE,
      return_docs: true,
    });
    checkNotCancelled(source, batch);
    const changes = batch.results.filter((c) => !c.id.startsWith('_'));
    if (batch.results.length === 0) return;
    const docs = changes.length > 0 ? await plannedWrites(index, changes, lookup) : [];
    if (seen) for (const change of changes) seen.add(change.id);
    const seqDoc: AnyDoc = { _id: SEQ_ID, seq: batch.last_seq };
    if (rev !== undefined) seqDoc._rev = rev;
    docs.push(seqDoc);
    // With new_edits: false only failures come back (a local doc's new rev does not).
    const failures = (await index.db.bulkDocs(docs, { new_edits: false })) as { error?: unknown }[];
    const failed = failures.find((r) => r.error);
    if (failed) throw failed;
    ({ seq, rev } = await readSeq(index));
    if (batch.results.length < BATCH_SIZE) return;
  }
}
