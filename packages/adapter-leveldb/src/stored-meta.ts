import { createError, type EngineBatch, type SatchelError, type SeqEntry } from '@satchel/core';

/** The stored format this version writes (see the README's format table). */
export const FORMAT_VERSION = 2;

/**
 * The format this version upgrades on open: format 2 is format 1 plus by-seq entries marked
 * with the document count, so a format 1 store is format 2 once its format and counts
 * entries say so (one batch).
 */
export const UPGRADED_FORMAT = 1;

/** Keys of the meta sublevel. */
export const MetaKeys = {
  /** The format version, written when the store is created (or upgraded). */
  format: 'format',
  /** The database's uuid, written when the store is created. */
  uuid: 'uuid',
  /** `[updateSeq, docCount, topSeq]`, written by commits that cannot mark a by-seq entry. */
  counts: 'counts',
  /** Where stores of the pre-release layout (no format key) kept their meta. */
  legacy: 'meta',
} as const;

/** The stored counts, and an upper bound of the seqs of the stored by-seq entries. */
export interface Counts {
  readonly updateSeq: number;
  readonly docCount: number;
  /** No by-seq entry has a greater seq. */
  readonly topSeq: number;
}

/** What a commit writes to record its counts: at most one of `marked` and `entry`. */
export interface CountsWrite {
  /** The by-seq entry (of the batch) to mark with `docCount`. */
  readonly marked?: SeqEntry | undefined;
  readonly docCount: number;
  /** The new value of the counts entry. */
  readonly entry?: string | undefined;
  /** The new uuid, when the batch changes it. */
  readonly uuid?: string | undefined;
  /** The counts once the commit is written. */
  readonly next: Counts;
}

/** The value of the counts entry. */
export function countsValue(counts: Counts): string {
  return `[${counts.updateSeq},${counts.docCount},${counts.topSeq}]`;
}

/**
 * The counts entry's value parsed. Format 1 wrote `[updateSeq, docCount]` in every commit, so
 * without a third element the entry is always the latest word.
 */
export function parseCounts(value: string): Counts {
  const [updateSeq, docCount, topSeq] = JSON.parse(value) as [number, number, number?];
  return { updateSeq, docCount, topSeq: topSeq ?? Number.POSITIVE_INFINITY };
}

/**
 * The counts of a store, from its counts entry and its newest by-seq entry: a marked entry
 * newer than everything the counts entry knew of is the later word (see {@link planCounts}).
 * @param newest - the newest by-seq entry's seq and, when it is marked, its count.
 */
export function storedCounts(
  entry: Counts,
  newest: { seq: number; docCount: number | undefined } | undefined,
): Counts {
  if (newest?.docCount !== undefined && newest.seq > entry.topSeq) {
    return { updateSeq: newest.seq, docCount: newest.docCount, topSeq: newest.seq };
  }
  // The bound stays at least what the counts entry recorded: a later mark must beat that.
  const known = Number.isFinite(entry.topSeq) ? entry.topSeq : 0;
  const topSeq = Math.max(known, newest?.seq ?? 0);
  return { updateSeq: entry.updateSeq, docCount: entry.docCount, topSeq };
}

/**
 * How a commit records the counts it leads to, without a counts entry in the usual case. A
 * write of documents puts the by-seq entry of its last seq, newer than any stored: that entry
 * is marked with the new document count, and on open the newest by-seq entry gives the
 * update seq and, marked, the count. Any other commit that changes the counts or touches
 * by-seq entries (a purge removing the newest one, a batch of meta alone) writes the counts
 * entry instead, with the greatest seq stored then (`topSeq`): a marked entry counts only if
 * newer than that, so whichever was written last wins. Commits touching neither (local
 * documents, compaction) write nothing.
 * @param current - the counts as stored before this commit.
 * @param uuid - the uuid stored now.
 */
export function planCounts(batch: EngineBatch, current: Counts, uuid: string): CountsWrite {
  const meta = batch.meta;
  const puts = batch.putSeqs;
  const dels = batch.deleteSeqs;
  let top = current.topSeq;
  let last: SeqEntry | undefined;
  if (puts) {
    // Of several puts of one seq the batch writes the last, so that one carries the mark.
    for (const e of puts) if (!last || e.seq >= last.seq) last = e;
    if (last && last.seq > top) top = last.seq;
  }
  const updateSeq = meta ? meta.updateSeq : current.updateSeq;
  const docCount = meta ? meta.docCount : current.docCount;
  const next: Counts = { updateSeq, docCount, topSeq: top };
  const newUuid = meta && meta.uuid !== uuid ? meta.uuid : undefined;
  const changed = updateSeq !== current.updateSeq || docCount !== current.docCount;
  if (!changed && !puts?.length && !dels?.length) return { docCount, uuid: newUuid, next };
  const markable =
    last !== undefined &&
    last.seq === updateSeq &&
    last.seq > current.topSeq &&
    !(dels?.includes(last.seq) ?? false);
  if (markable) return { marked: last, docCount, uuid: newUuid, next };
  return { docCount, entry: countsValue(next), uuid: newUuid, next };
}

/** Code of the error for a store this version cannot read. */
export const UNSUPPORTED_FORMAT = 'SATCHEL_UNSUPPORTED_FORMAT';

/**
 * The error for a store written in another stored format: a newer one (written by a later
 * version of this package) or the pre-release layout. The store is left as it was.
 * @param found - the format the store records, or `undefined` for the pre-release layout.
 */
export function unsupportedFormat(found: string | undefined): SatchelError {
  const what =
    found === undefined
      ? 'in the pre-release layout, which has no format version'
      : `in stored format ${JSON.stringify(found)}`;
  const message =
    `This database was written ${what}; this version of @satchel/adapter-leveldb reads ` +
    `formats ${UPGRADED_FORMAT} and ${FORMAT_VERSION} only. It was not opened and nothing in ` +
    'it was changed: open it with the version of Satchel that wrote it (replicate it out to ' +
    'migrate).';
  const error = createError({ status: 500, name: 'unsupported_format', message });
  Object.defineProperty(error, 'code', {
    value: UNSUPPORTED_FORMAT,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return error;
}
