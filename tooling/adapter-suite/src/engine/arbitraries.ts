import type { DocRecord, EngineBatch, IdRange, SeqRange } from '@satchel/core/engine';
import fc from 'fast-check';

/**
 * Units chosen to break naive encodings and orders: separators, escapes, characters whose
 * UTF-16 order differs from their code-point order (U+E000–U+FFFF against surrogate pairs).
 * Only well-formed strings: document ids are UTF-8 in CouchDB.
 */
const trickyUnit = fc.constantFrom(
  'a',
  'b',
  '!',
  '\u0000',
  '\u0001',
  '\u00ff',
  '\u00e9',
  '\ud83d\ude00',
  '\u{10000}',
  '\ue000',
  '\uffff',
  '\ufffd',
);

/** A short id over {@link trickyUnit}s: small enough that batches collide on ids. */
export const idArb = fc.string({ unit: trickyUnit, maxLength: 3 });

const revArb = fc.constantFrom('1-a', '2-b', '1-\u0000', '3-\ud83d\ude00');
const bodyArb = fc.record({ n: fc.nat(100), s: idArb });
const recordArb: fc.Arbitrary<DocRecord> = fc.record({
  id: idArb,
  rev_tree: fc.constant([]),
  winningRev: revArb,
  deleted: fc.boolean(),
  seq: fc.nat(40),
});
const digestArb = fc.constantFrom('md5-a', 'md5-b', 'md5-c');

/**
 * A random batch that keeps the contract's rules a batch can keep alone: no key put twice or
 * both put and deleted. The rule that depends on the store (a stored body is never put again)
 * is applied by `EngineModel.valid` before each commit.
 */
export const batchArb: fc.Arbitrary<EngineBatch> = fc
  .record({
    putDocs: fc.uniqueArray(recordArb, { maxLength: 8, selector: (r) => r.id }),
    deleteDocs: fc.array(idArb, { maxLength: 3 }),
    putRevs: fc.uniqueArray(fc.record({ id: idArb, rev: revArb, body: bodyArb }), {
      maxLength: 6,
      selector: (r) => JSON.stringify([r.id, r.rev]),
    }),
    deleteRevs: fc.array(fc.record({ id: idArb, rev: revArb }), { maxLength: 3 }),
    putSeqs: fc.uniqueArray(fc.record({ seq: fc.nat(40), id: idArb }), {
      maxLength: 6,
      selector: (e) => e.seq,
    }),
    deleteSeqs: fc.array(fc.nat(40), { maxLength: 3 }),
    putLocals: fc.uniqueArray(
      idArb.map((id) => ({ id: `_local/${id}`, rev: '0-1', body: { id } })),
      { maxLength: 3, selector: (r) => r.id },
    ),
    deleteLocals: fc.array(
      idArb.map((id) => `_local/${id}`),
      { maxLength: 2 },
    ),
    putAttachments: fc.uniqueArray(
      fc.record(
        {
          digest: digestArb,
          refs: fc.array(fc.constantFrom('a@1-a', 'b@2-b', '\u{10000}@1-a'), { maxLength: 3 }),
          data: fc.uint8Array({ maxLength: 8 }),
        },
        { requiredKeys: ['digest', 'refs'] },
      ),
      { maxLength: 2, selector: (a) => a.digest },
    ),
    deleteAttachments: fc.array(digestArb, { maxLength: 2 }),
    meta: fc.record({ updateSeq: fc.nat(100), docCount: fc.nat(100), uuid: fc.constant('u') }),
  })
  .map(disjoint);

/** Drops from the delete lists every key the batch also puts. */
function disjoint(b: Required<Omit<EngineBatch, 'newDocs'>>): EngineBatch {
  const keys = <T>(xs: T[], key: (x: T) => string | number) => new Set(xs.map(key));
  const revKeyOf = (r: { id: string; rev: string }) => JSON.stringify([r.id, r.rev]);
  const docs = keys(b.putDocs, (r) => r.id);
  const revs = keys(b.putRevs, revKeyOf);
  const seqs = keys(b.putSeqs, (e) => e.seq);
  const locals = keys(b.putLocals, (r) => r.id);
  const atts = keys(b.putAttachments, (a) => a.digest);
  return {
    ...b,
    deleteDocs: b.deleteDocs.filter((id) => !docs.has(id)),
    deleteRevs: b.deleteRevs.filter((r) => !revs.has(revKeyOf(r))),
    deleteSeqs: b.deleteSeqs.filter((s) => !seqs.has(s)),
    deleteLocals: b.deleteLocals.filter((id) => !locals.has(id)),
    deleteAttachments: b.deleteAttachments.filter((d) => !atts.has(d)),
  };
}

/** One read the model check compares. */
export type Query =
  | { kind: 'docs'; range: IdRange }
  | { kind: 'seqs'; range: SeqRange }
  | { kind: 'get'; ids: string[] };

const idRangeArb: fc.Arbitrary<IdRange> = fc.record(
  { gt: idArb, gte: idArb, lt: idArb, lte: idArb, reverse: fc.boolean(), limit: fc.nat(6) },
  { requiredKeys: [] },
);
const seqRangeArb: fc.Arbitrary<SeqRange> = fc.record(
  {
    since: fc.integer({ min: -1, max: 41 }),
    before: fc.integer({ min: 0, max: 42 }),
    reverse: fc.boolean(),
    limit: fc.nat(6),
  },
  { requiredKeys: [] },
);

/** Range scans and point reads over the same small id space as {@link batchArb}. */
export const queryArb: fc.Arbitrary<Query> = fc.oneof(
  idRangeArb.map((range) => ({ kind: 'docs' as const, range })),
  seqRangeArb.map((range) => ({ kind: 'seqs' as const, range })),
  fc.array(idArb, { maxLength: 5 }).map((ids) => ({ kind: 'get' as const, ids })),
);
