import type { DocRecord, SeqEntry, SeqRange } from '../engine/engine.js';
import { collectLeaves } from '../rev-tree/leaves.js';
import type { ExistingDocument } from '../types/documents.js';
import type { AdapterChangesOptions, ChangesResponse, ChangesResult } from '../types/options.js';
import type { AdapterState } from './state.js';
import { winningDocs } from './winning-docs.js';

/** By-seq entries read per engine scan. */
const PAGE = 500;

/**
 * One page of the changes feed: every document whose last write is after `since`, in seq order,
 * each with its winning revision (or all leaves with `style: 'all_docs'`).
 */
export function changes(
  state: AdapterState,
  opts: AdapterChangesOptions,
): Promise<ChangesResponse> {
  return state.lock.read(async () => {
    const since = typeof opts.since === 'number' ? opts.since : Number(opts.since ?? 0) || 0;
    const limit =
      typeof opts.limit === 'number' && opts.limit > 0 ? opts.limit : Number.POSITIVE_INFINITY;
    const docIds = opts.doc_ids ? new Set(opts.doc_ids) : undefined;
    const results: ChangesResult[] = [];
    let lastSeq = since;
    let range: SeqRange = opts.descending ? { reverse: true } : { since };
    while (results.length < limit) {
      // Read no further ahead than the answer needs: small limits stay cheap.
      const want = Math.min(PAGE, limit - results.length);
      const page = await state.engine.scanSeqs({ ...range, limit: want });
      const wanted = docIds ? page.filter((e) => docIds.has(e.id)) : page;
      const records = await state.engine.getDocs(wanted.map((e) => e.id));
      const first = results.length;
      const winners: DocRecord[] = [];
      wanted.forEach((entry, i) => {
        const record = records[i];
        if (results.length >= limit || !record || record.seq !== entry.seq) return;
        lastSeq = entry.seq;
        results.push(toChange(record, opts));
        winners.push(record);
      });
      // Page by page: an engine that keeps the records it just read answers the bodies cheaply.
      if (opts.include_docs) await attachDocs(state, results.slice(first), winners, opts);
      if (page.length < want) break;
      range = nextRange(range, page[page.length - 1]!);
    }
    return { results, last_seq: lastSeq };
  });
}

function toChange(record: DocRecord, opts: AdapterChangesOptions): ChangesResult {
  const changes =
    opts.style === 'all_docs'
      ? collectLeaves(record.rev_tree).map((l) => ({ rev: l.rev }))
      : [{ rev: record.winningRev }];
  return record.deleted
    ? { id: record.id, changes, deleted: true, seq: record.seq }
    : { id: record.id, changes, seq: record.seq };
}

function nextRange(range: SeqRange, last: SeqEntry): SeqRange {
  return range.reverse ? { reverse: true, before: last.seq } : { since: last.seq };
}

async function attachDocs(
  state: AdapterState,
  results: ChangesResult[],
  records: DocRecord[],
  opts: AdapterChangesOptions,
): Promise<void> {
  const docs = await winningDocs(state, records, opts);
  results.forEach((change, i) => {
    const doc = docs[i];
    if (doc) change.doc = doc as ExistingDocument;
  });
}
