// The page of write-anatomy.mjs: what one write costs in IndexedDB, for Satchel and for
// pouchdb-browser@9's adapters. IndexedDB's prototypes are wrapped to count, per write, the
// transactions, the requests by method and store, the stores each readwrite transaction
// locks, and the size of the values written (JSON length, byte length for binary); and to
// split each write's time into the JavaScript before its readwrite transaction, the
// transaction up to its last request, and the wait from there to `complete`.
import Satchel from '@satchel/browser';
import PouchIndexedDb from 'pouchdb-adapter-indexeddb';
import PouchDB from 'pouchdb-browser';
import { currentProbe, setProbe, wrapPrototypes } from './idb-probe.mjs';

PouchDB.plugin(PouchIndexedDb);

const targets = {
  satchel: (name) => new Satchel(name, { adapter: 'indexeddb' }),
  'pouchdb-indexeddb': (name) => new PouchDB(name, { adapter: 'indexeddb' }),
  'pouchdb-idb': (name) => new PouchDB(name, { adapter: 'idb' }),
};

/** The writes measured: each returns a function doing write number `i` on `db`. */
const shapes = {
  'post (new tiny doc)': { ops: (n) => n, run: (db) => db.post({ yo: 'dawg' }) },
  'get + put (update)': {
    seed: (n) => Array.from({ length: n }, (_, i) => ({ _id: `d${i}`, n: 0 })),
    ops: (n) => n,
    run: async (db, i) => {
      const doc = await db.get(`d${i}`);
      doc.n += 1;
      return db.put(doc);
    },
  },
  'bulkDocs (100 new docs)': {
    ops: (n) => Math.max(1, Math.floor(n / 100)),
    run: (db) => db.bulkDocs(Array.from({ length: 100 }, () => ({ much: 'docs', very: 'bulk' }))),
  },
};

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** Per shape and target: counts per write (exact), and median time splits (ms). */
async function anatomy(n, reps) {
  wrapPrototypes();
  const rows = [];
  for (const [shape, { seed, ops, run }] of Object.entries(shapes)) {
    const samples = {};
    for (let rep = 0; rep < reps; rep++) {
      const names = Object.keys(targets);
      for (let k = 0; k < names.length; k++) {
        const target = names[(k + rep) % names.length];
        const db = targets[target](`anatomy-${target}-${rep}-${Date.now()}`);
        await db.info();
        if (seed) await db.bulkDocs(seed(n));
        const counts = {};
        const split = { before: [], issuing: [], waiting: [], whole: [] };
        for (let i = 0; i < ops(n); i++) {
          setProbe({ counts });
          const start = performance.now();
          await run(db, i);
          const { txStart, lastRequest, txEnd } = currentProbe();
          setProbe(undefined);
          split.before.push(txStart - start);
          split.issuing.push(lastRequest - txStart);
          split.waiting.push(txEnd - lastRequest);
          split.whole.push(performance.now() - start);
        }
        await db.destroy();
        samples[target] ??= {
          counts: {},
          before: [],
          issuing: [],
          waiting: [],
          whole: [],
          mean: [],
        };
        const entry = samples[target];
        // Counts are the same every repetition (no load in them): the last one's are kept.
        for (const [key, count] of Object.entries(counts)) entry.counts[key] = count / ops(n);
        for (const part of ['before', 'issuing', 'waiting', 'whole']) {
          entry[part].push(median(split[part]));
        }
        // The mean says what the median hides: the slow tail (a flush, a GC) a total pays.
        entry.mean.push(split.whole.reduce((a, b) => a + b, 0) / split.whole.length);
      }
    }
    for (const [target, s] of Object.entries(samples)) {
      rows.push({
        shape,
        target,
        counts: s.counts,
        ms: Object.fromEntries(
          ['before', 'issuing', 'waiting', 'whole', 'mean'].map((part) => [part, median(s[part])]),
        ),
      });
    }
  }
  return rows;
}

globalThis.writeAnatomy = anatomy;
