import fc from 'fast-check';
import { EXPLORE } from './normalise.js';

/**
 * pouchdb@9 leaks a rejected edit into the tree when one bulkDocs edits an id twice and the
 * second edit conflicts (it answers 409, yet the revision shows up as a bodiless leaf), so by
 * default a request names each id once; `SATCHEL_DIFF_EXPLORE=dup-bulk-ids` allows repeats.
 */
const UNIQUE = !EXPLORE.has('dup-bulk-ids');

/** How an operation names a revision; resolved against the oracle's state when it runs. */
export type RevRef =
  | { kind: 'none' }
  | { kind: 'winner' }
  | { kind: 'seen'; index: number }
  | { kind: 'leaf'; index: number }
  | { kind: 'bogus'; rev: string };

/** A document edit made with new_edits (put, bulkDocs). */
export interface Edit {
  id: string;
  rev: RevRef;
  body: Record<string, unknown>;
  deleted: boolean;
}

/** A revision replicated in with new_edits: false and an explicit ancestry. */
export interface Replicated {
  id: string;
  start: number;
  ids: string[];
  deleted: boolean;
  body: Record<string, unknown>;
}

/** One step of a random sequence. */
export type Op =
  | { op: 'put'; edit: Edit }
  | { op: 'remove'; id: string; rev: RevRef }
  | { op: 'bulk'; edits: Edit[] }
  | { op: 'replicate'; docs: Replicated[] }
  | {
      op: 'graft';
      id: string;
      parent: RevRef;
      hash: string;
      deleted: boolean;
      body: Record<string, unknown>;
    }
  | { op: 'get'; id: string; opts: GetSpec }
  | { op: 'allDocs'; opts: Record<string, unknown> }
  | { op: 'changes'; opts: Record<string, unknown> }
  | { op: 'info' }
  | { op: 'revsDiff'; req: { id: string; revs: RevRef[] }[] }
  | { op: 'bulkGet'; docs: { id: string; rev?: RevRef }[]; revs: boolean; latest: boolean }
  | { op: 'compact' };

/** get options, with revisions as references. */
export interface GetSpec {
  rev?: RevRef;
  revs?: boolean;
  revs_info?: boolean;
  conflicts?: boolean;
  latest?: boolean;
  open_revs?: 'all' | RevRef[];
}

/** Document ids the sequences work on (ASCII: pouchdb@9 loses ids starting above U+00FF). */
export const IDS = ['a', 'b', 'c', 'd', '_design/x', '_local/l'] as const;
/** Ids queries may name, including ones never written. */
export const QUERY_IDS = [...IDS, 'zz', 'A', '_design/'] as const;
/**
 * Range bounds may also be '' (pouchdb@9 tests keys for truthiness, so '' means "no bound").
 * Not in `keys`: there pouchdb@9 answers the first document for '', Satchel not_found.
 */
const BOUND_IDS = [...QUERY_IDS, ''] as const;
/** Short revision hashes shared by replicated branches, so their trees overlap. */
const HASHES = ['h1', 'h2', 'h3', 'h4', 'ffff', '0000'] as const;

/**
 * A revision hash derived from its parent's hash and a pool label, so that one (generation,
 * hash) pair always means one node with one ancestry, as with real md5 revs; trees built from
 * the small label pool still overlap. (Both libraries find revisions by hash alone in places,
 * so hashes reused across generations or parents would make their arbitrary answers differ.)
 */
export function childHash(parentHash: string, label: string): string {
  let h = 0x811c9dc5;
  for (const ch of `${parentHash}/${label}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `${label}${h.toString(16).padStart(8, '0')}`;
}

/** Hashes of a root-to-leaf path of labels, leaf first (the `_revisions.ids` order). */
function pathHashes(labels: readonly string[]): string[] {
  const hashes: string[] = [];
  let parent = '';
  for (const label of labels) {
    parent = childHash(parent, label);
    hashes.push(parent);
  }
  return hashes.reverse();
}

const idArb = fc.constantFrom(...IDS);
const replIdArb = fc.constantFrom('a', 'b', 'c', 'd', '_design/x');
const queryIdArb = fc.constantFrom(...QUERY_IDS);
const boundArb = fc.constantFrom(...BOUND_IDS);
const replOrMissingIdArb = fc.constantFrom('a', 'b', 'c', 'd', '_design/x', 'zz');

const nested = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.jsonValue({ maxDepth: 2, stringUnit: 'grapheme' }),
  fc.jsonValue({ maxDepth: 1, stringUnit: 'binary' }),
);
const safeNested = nested.filter((v) => !JSON.stringify(v).includes('"__proto__"'));

/** A small body; field names avoid the reserved leading underscore. */
export const bodyArb: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.constantFrom('a', 'b', 'n', 'text', 'list'),
  safeNested,
  { maxKeys: 3 },
);

export const revRefArb: fc.Arbitrary<RevRef> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'winner' as const }) },
  { weight: 2, arbitrary: fc.nat(8).map((index) => ({ kind: 'seen' as const, index })) },
  { weight: 2, arbitrary: fc.nat(8).map((index) => ({ kind: 'leaf' as const, index })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('1-bogus', '2-h1', '9-zzz', '1-h2')
      .map((rev) => ({ kind: 'bogus' as const, rev })),
  },
);

const editArb: fc.Arbitrary<Edit> = fc.record({
  id: idArb,
  rev: revRefArb,
  body: bodyArb,
  deleted: fc.constantFrom(false, false, false, true),
});

const replicatedArb: fc.Arbitrary<Replicated> = fc
  .record({
    id: replIdArb,
    labels: fc.array(fc.constantFrom(...HASHES), { minLength: 1, maxLength: 5 }),
    keep: fc.integer({ min: 1, max: 5 }),
    deleted: fc.boolean(),
    body: bodyArb,
  })
  .map(({ id, labels, keep, deleted, body }) => ({
    id,
    start: labels.length,
    ids: pathHashes(labels).slice(0, keep),
    deleted,
    body,
  }));

const getSpecArb: fc.Arbitrary<GetSpec> = fc.record(
  {
    rev: revRefArb,
    revs: fc.boolean(),
    revs_info: fc.boolean(),
    conflicts: fc.boolean(),
    latest: fc.boolean(),
    open_revs: fc.oneof(fc.constant('all' as const), fc.array(revRefArb, { maxLength: 3 })),
  },
  { requiredKeys: [] },
);

const rawAllDocsOptsArb = fc.record(
  {
    include_docs: fc.boolean(),
    conflicts: fc.boolean(),
    startkey: boundArb,
    endkey: boundArb,
    start_key: boundArb,
    end_key: boundArb,
    inclusive_end: fc.boolean(),
    key: boundArb,
    keys: fc.array(queryIdArb, { maxLength: 5 }),
    limit: fc.nat(6),
    skip: fc.nat(4),
    descending: fc.boolean(),
    update_seq: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** allDocs options: any mix of what PouchDB documents, with valid types. */
export const allDocsOptsArb: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(rawAllDocsOptsArb, fc.nat(4))
  .map(([opts, roll]) => {
    // keys with a range or key is an error (tested too), but keep that combination rare.
    if ('keys' in opts && roll > 0) {
      const { startkey, endkey, key, start_key, end_key, ...rest } = opts;
      return rest;
    }
    return opts;
  });

/** One-shot changes options with valid types. */
export const changesOptsArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    since: fc.nat(30),
    limit: fc.integer({ min: 1, max: 6 }),
    descending: fc.boolean(),
    include_docs: fc.boolean(),
    conflicts: fc.boolean(),
    style: fc.constantFrom('main_only', 'all_docs'),
    doc_ids: fc.array(queryIdArb, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

const writeOps: fc.Arbitrary<Op>[] = [
  editArb.map((edit) => ({ op: 'put' as const, edit })),
  fc
    .record({ id: idArb, rev: revRefArb })
    .map(({ id, rev }) => ({ op: 'remove' as const, id, rev })),
  fc
    .array(editArb, { minLength: 1, maxLength: 4 })
    // Repeats of an id: see UNIQUE. For _local ids always: pouchdb@9 answers 0-1 to every write
    // of one _local id in the same request (each reads the pre-request state).
    .map((edits) =>
      edits.filter(
        (e, i) =>
          (!e.id.startsWith('_local/') && !UNIQUE) || edits.findIndex((o) => o.id === e.id) === i,
      ),
    )
    .map((edits) => ({ op: 'bulk' as const, edits })),
];

const replicationOps: fc.Arbitrary<Op>[] = [
  fc
    .array(replicatedArb, { minLength: 1, maxLength: 3 })
    .map((docs) => ({ op: 'replicate' as const, docs })),
  fc
    .record({
      id: replIdArb,
      parent: revRefArb,
      hash: fc.constantFrom(...HASHES),
      deleted: fc.boolean(),
      body: bodyArb,
    })
    .map((g) => ({ op: 'graft' as const, ...g })),
];

const readOps: fc.Arbitrary<Op>[] = [
  fc
    .record({ id: queryIdArb, opts: getSpecArb })
    .map(({ id, opts }) => ({ op: 'get' as const, id, opts })),
  fc.constant({ op: 'info' as const }),
];

const queryOps: fc.Arbitrary<Op>[] = [
  allDocsOptsArb.map((opts) => ({ op: 'allDocs' as const, opts })),
  changesOptsArb.map((opts) => ({ op: 'changes' as const, opts })),
];

const diffOps: fc.Arbitrary<Op>[] = [
  fc
    .array(
      fc.record({ id: queryIdArb, revs: fc.array(revRefArb, { minLength: 1, maxLength: 3 }) }),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((req) => ({ op: 'revsDiff' as const, req })),
  fc
    .record({
      // Not _local ids: pouchdb@9's bulkGet crashes (and never answers) on them.
      docs: fc.array(
        fc.record({ id: replOrMissingIdArb, rev: revRefArb }, { requiredKeys: ['id'] }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
      revs: fc.boolean(),
      latest: fc.boolean(),
    })
    .map((r) => ({ op: 'bulkGet' as const, ...r })),
];

/** Operation mixes, one per differential file. */
export const mixes = {
  writes: fc.oneof(...writeOps, ...readOps),
  replication: fc.oneof(...writeOps, ...replicationOps, ...readOps, ...diffOps),
  queries: fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...writeOps, ...replicationOps) },
    { weight: 2, arbitrary: fc.oneof(...queryOps) },
  ),
  stemming: fc.oneof(
    { weight: 4, arbitrary: fc.oneof(...writeOps, ...replicationOps) },
    { weight: 1, arbitrary: fc.constant({ op: 'compact' as const }) },
    { weight: 2, arbitrary: fc.oneof(...readOps, ...diffOps) },
  ),
};

/** A sequence of operations drawn from `mix`. */
export function sequenceArb(mix: fc.Arbitrary<Op>, maxLength = 20): fc.Arbitrary<Op[]> {
  return fc.array(mix, { minLength: 1, maxLength });
}
