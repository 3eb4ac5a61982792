import type { QueryOptions } from '../src/index.js';
import { int, type Rand, randomKey } from './random-data.js';

/** Sets `name` to `value` on `opts` with probability `p`. */
function maybe(rand: Rand, p: number, set: () => void): void {
  if (rand() < p) set();
}

/** Random key-selection options: a range, a key, or a list of keys. */
function keyOptions(rand: Rand, opts: QueryOptions): void {
  const roll = int(rand, 6);
  if (roll === 0) opts.key = randomKey(rand);
  if (roll === 1) opts.keys = Array.from({ length: int(rand, 4) }, () => randomKey(rand));
  if (roll === 2 || roll === 3) {
    maybe(rand, 0.7, () => {
      opts[rand() < 0.5 ? 'startkey' : 'start_key'] = randomKey(rand);
    });
    maybe(rand, 0.7, () => {
      opts[rand() < 0.5 ? 'endkey' : 'end_key'] = randomKey(rand);
    });
    maybe(rand, 0.5, () => {
      opts.inclusive_end = rand() < 0.5;
    });
  }
}

/** Random query options, valid or not, covering every option the slice supports. */
export function randomOptions(rand: Rand): QueryOptions {
  const opts: QueryOptions = {};
  keyOptions(rand, opts);
  maybe(rand, 0.3, () => {
    opts.descending = rand() < 0.7;
  });
  maybe(rand, 0.3, () => {
    opts.limit = int(rand, 6);
  });
  maybe(rand, 0.3, () => {
    opts.skip = int(rand, 4);
  });
  maybe(rand, 0.3, () => {
    opts.reduce = rand() < 0.5;
  });
  maybe(rand, 0.3, () => {
    opts.group = rand() < 0.7;
  });
  maybe(rand, 0.2, () => {
    opts.group_level = int(rand, 4);
  });
  maybe(rand, 0.3, () => {
    opts.include_docs = true;
    maybe(rand, 0.4, () => {
      opts.conflicts = true;
    });
    maybe(rand, 0.4, () => {
      opts.attachments = true;
      maybe(rand, 0.5, () => {
        opts.binary = true;
      });
    });
  });
  maybe(rand, 0.2, () => {
    opts.update_seq = true;
  });
  maybe(rand, 0.15, () => {
    opts.stale = rand() < 0.5 ? 'ok' : 'update_after';
  });
  return opts;
}

/** The design document both databases query. */
export const DESIGN_DOC = {
  _id: '_design/d',
  views: {
    plain: { map: 'function (doc) { emit(doc.k, doc.v); }' },
    multi: {
      map: 'function (doc) { emit(doc.k); emit(doc.k, doc.n); emit([doc.n, doc.k], doc.link); }',
    },
    sum: { map: 'function (doc) { emit(doc.k, doc.n); }', reduce: '_sum' },
    sumv: { map: 'function (doc) { emit(doc.k, doc.v); }', reduce: '_sum' },
    count: { map: 'function (doc) { emit([doc.n % 3, doc.k], doc.v); }', reduce: '_count' },
    stats: { map: 'function (doc) { emit(doc.n % 4, doc.n); }', reduce: '_stats' },
    // Arrays are kept out: `_stats` of number arrays follows CouchDB, not pouchdb@9 (query.test.ts).
    statsv: {
      map: 'function (doc) { if (!Array.isArray(doc.v)) emit(doc.k, doc.v); }',
      reduce: '_stats',
    },
    custom: {
      map: 'function (doc) { emit([doc.n % 2, doc.k], doc.n); }',
      reduce: 'function (keys, values, rereduce) { return [keys.length, sum(values), rereduce]; }',
    },
    throwing: {
      map: 'function (doc) { emit(doc.n, doc.k); if (doc.n % 4 === 0) { throw new Error("boom"); } emit([doc.k], doc.n); }',
      reduce:
        'function (keys, values) { if (values.length > 3) { throw new Error("too many"); } return values.length; }',
    },
    conflicts: {
      map: 'function (doc) { emit(doc._conflicts ? doc._conflicts.length : 0, doc._conflicts || null); }',
    },
    attachments: {
      map: 'function (doc) { if (doc._attachments) { Object.keys(doc._attachments).forEach(function (name) { emit(name, doc._attachments[name].digest); }); } }',
    },
    approx: { map: 'function (doc) { emit(doc.k); }', reduce: '_approx_count_distinct' },
  },
};

/**
 * pouchdb@9 has no `_approx_count_distinct` (it throws), so the oracle's copy of the design doc
 * computes the same exact distinct-key count with a custom reduce; everything else is equal.
 */
const DISTINCT_KEYS_REDUCE =
  'function (keys) { var seen = {}; var n = 0; for (var i = 0; i < keys.length; i++) { var k = JSON.stringify(keys[i][0]); if (!Object.prototype.hasOwnProperty.call(seen, k)) { seen[k] = true; n++; } } return n; }';

/** {@link DESIGN_DOC} as the pouchdb@9 oracle gets it. */
export const ORACLE_DESIGN_DOC = {
  ...DESIGN_DOC,
  views: {
    ...DESIGN_DOC.views,
    approx: { map: DESIGN_DOC.views.approx.map, reduce: DISTINCT_KEYS_REDUCE },
  },
};

/** The names of {@link DESIGN_DOC}'s views. */
export const VIEW_NAMES = Object.keys(DESIGN_DOC.views).map((name) => `d/${name}`);
