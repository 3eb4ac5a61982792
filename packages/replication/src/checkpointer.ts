import { type AnyDoc, collate } from '@satchel/core';
import { type CheckpointLog, compareReplicationLogs, LOWEST_SEQ } from './compare-history.js';
import type { CheckpointSides } from './options.js';
import type { ReplicationDb } from './types.js';

/** PouchDB's checkpoint document format version and replicator name. */
const CHECKPOINT_VERSION = 1;
const REPLICATOR = 'pouchdb';
/** Sessions kept in a checkpoint's history, as PouchDB keeps. */
const HISTORY_SIZE = 5;
/**
 * Conflicts one checkpoint write re-reads past. Concurrent replications of one pair resolve
 * in a round or two; only a side that never accepts the write reaches this.
 */
const CONFLICT_RETRIES = 10;

type CheckpointDoc = AnyDoc & CheckpointLog & { version?: number; replicator?: string };

function status(err: unknown): number | undefined {
  return (err as { status?: unknown } | null)?.status as number | undefined;
}

/** A 4xx answer: the side refuses checkpoints (read-only source), which is not fatal. */
function isRefusal(err: unknown): boolean {
  const s = status(err);
  return typeof s === 'number' && Math.floor(s / 100) === 4;
}

async function readCheckpoint(db: ReplicationDb, id: string): Promise<CheckpointDoc | undefined> {
  try {
    return usable((await db.get(id)) as CheckpointDoc);
  } catch (err) {
    if (status(err) === 404) return undefined;
    throw err;
  }
}

const isSeq = (seq: unknown): seq is number | string =>
  typeof seq === 'number' || typeof seq === 'string';

/**
 * A checkpoint as the comparison may read it: a `last_seq` that is no sequence, and history
 * entries that are no `{session_id, last_seq}`, are dropped (another replicator, or a damaged
 * or hostile server, may have written anything under this id). The document keeps its `_rev`,
 * so the next write replaces it; a session it cannot prove shared starts over from 0.
 */
function usable(doc: CheckpointDoc): CheckpointDoc {
  const history = Array.isArray(doc.history)
    ? doc.history.filter((entry) => typeof entry?.session_id === 'string' && isSeq(entry.last_seq))
    : [];
  const checked: CheckpointDoc = { ...doc, history };
  if (!isSeq(doc.last_seq)) delete checked.last_seq;
  if (typeof doc.session_id !== 'string') delete checked.session_id;
  return checked;
}

/**
 * Reads and writes the `_local/<replication id>` checkpoint documents on both sides, in
 * PouchDB 9's format (`session_id`, `last_seq`, `history` of the last 5 sessions, `version: 1`,
 * `replicator: 'pouchdb'`), and compares them as PouchDB and CouchDB do to find where to resume.
 */
export class Checkpointer {
  private readonly sides: CheckpointSides;
  /** The checkpoint documents this replication last wrote, so the next write skips a read. */
  private readonly written = new Map<ReplicationDb, CheckpointDoc>();

  /**
   * @param src - the source database.
   * @param target - the target database.
   * @param id - the replication id (`_local/…`).
   * @param sides - which sides get checkpoints.
   * @param isCancelled - a cancelled replication stops writing checkpoints.
   */
  constructor(
    private readonly src: ReplicationDb,
    private readonly target: ReplicationDb,
    readonly id: string,
    sides: CheckpointSides,
    private readonly isCancelled: () => boolean,
  ) {
    this.sides = { ...sides };
  }

  /**
   * Records that everything up to `seq` is replicated, on both sides at once. The caller has
   * written every document up to `seq` first, so neither side's checkpoint can claim a
   * sequence whose documents are not on the target, whichever lands first: if only one lands
   * (crash, failure), both carry this session and the next run resumes from the source's,
   * which is either `seq` or the previous one.
   */
  async write(seq: number | string, session: string): Promise<void> {
    const target = this.sides.target ? this.update(this.target, seq, session) : undefined;
    const source = this.sides.source ? this.updateSource(seq, session) : undefined;
    // Both settle before a failure is reported, so nothing writes on after the attempt ends.
    const [t, s] = await Promise.allSettled([target, source]);
    if (t.status === 'rejected') throw t.reason;
    if (s.status === 'rejected') throw s.reason;
  }

  private async updateSource(seq: number | string, session: string): Promise<void> {
    try {
      await this.update(this.src, seq, session);
    } catch (err) {
      // A source that refuses writes (read-only user) just keeps no checkpoint.
      if (!isRefusal(err)) throw err;
      this.sides.source = false;
    }
  }

  /** The sequence to resume from: what both checkpoints agree on, else 0. */
  async read(): Promise<number | string> {
    const { source, target } = this.sides;
    if (!source && !target) return LOWEST_SEQ;
    if (!target) return (await readCheckpoint(this.src, this.id))?.last_seq ?? LOWEST_SEQ;
    const targetDoc = await readCheckpoint(this.target, this.id);
    if (!targetDoc) return LOWEST_SEQ;
    if (!source) return targetDoc.last_seq ?? LOWEST_SEQ;
    const sourceDoc = await readCheckpoint(this.src, this.id);
    if (!sourceDoc) return this.sourceLost(targetDoc);
    return compareDocs(targetDoc, sourceDoc);
  }

  /**
   * The target has a checkpoint the source lacks (source recreated, or never writable): mark
   * the source so the next run compares, and start over, as PouchDB does.
   */
  private async sourceLost(targetDoc: CheckpointDoc): Promise<number | string> {
    if (!targetDoc.last_seq) return LOWEST_SEQ;
    try {
      await this.src.put({ _id: this.id, last_seq: LOWEST_SEQ });
      return LOWEST_SEQ;
    } catch (err) {
      if (isRefusal(err)) {
        this.sides.source = false;
        return targetDoc.last_seq;
      }
      return LOWEST_SEQ;
    }
  }

  /**
   * Writes `seq` into one side's checkpoint, re-reading and retrying when a concurrent writer
   * won, at most {@link CONFLICT_RETRIES} times: a side that answers every write with a conflict
   * (a cache serving a stale revision) fails the attempt rather than spinning on requests.
   */
  private async update(db: ReplicationDb, seq: number | string, session: string): Promise<void> {
    for (let conflicts = 0; ; conflicts++) {
      const cached = this.written.get(db);
      const doc: CheckpointDoc = (cached ? { ...cached } : await readCheckpoint(db, this.id)) ?? {
        _id: this.id,
        session_id: session,
        history: [],
        replicator: REPLICATOR,
        version: CHECKPOINT_VERSION,
      };
      if (this.isCancelled() || doc.last_seq === seq) return;
      const others = (doc.history ?? []).filter((entry) => entry.session_id !== session);
      doc.history = [{ last_seq: seq, session_id: session }, ...others].slice(0, HISTORY_SIZE);
      doc.version = CHECKPOINT_VERSION;
      doc.replicator = REPLICATOR;
      doc.session_id = session;
      doc.last_seq = seq;
      try {
        const res = (await db.put(doc)) as { rev?: string } | undefined;
        if (res?.rev) this.written.set(db, { ...doc, _rev: res.rev });
        return;
      } catch (err) {
        // Someone else wrote it meanwhile (another replication of the same pair): re-read.
        this.written.delete(db);
        if (status(err) !== 409 || conflicts >= CONFLICT_RETRIES) throw err;
      }
    }
  }
}

/** Compares two checkpoint documents by their format version, as PouchDB does. */
function compareDocs(targetDoc: CheckpointDoc, sourceDoc: CheckpointDoc): number | string {
  if (targetDoc.version !== sourceDoc.version) return LOWEST_SEQ;
  if (targetDoc.version === undefined) {
    // Checkpoints from before versioning: only an exact match resumes.
    return collate(targetDoc.last_seq, sourceDoc.last_seq) === 0
      ? (sourceDoc.last_seq ?? LOWEST_SEQ)
      : LOWEST_SEQ;
  }
  if (targetDoc.version === CHECKPOINT_VERSION) return compareReplicationLogs(sourceDoc, targetDoc);
  return LOWEST_SEQ;
}
