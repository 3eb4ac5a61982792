// The page of write-anatomy.mjs: what one write costs in IndexedDB, for Satchel and for
// pouchdb-browser@9's adapters. IndexedDB's prototypes are wrapped to count, per write, the
// transactions, the requests by method and store, the stores each readwrite transaction
// locks, and the size of the values written (JSON length, byte length for binary); and to
// split each write's time into the JavaScript before its readwrite transaction, the
// transaction up to its last request, and the wait from there to `complete`.
import Satchel from '@satchel/browser';
import PouchIndexedDb from 'pouchdb-adapter-indexeddb';
import PouchDB from 'pouchdb-browser';

PouchDB.plugin(PouchIndexedDb);

/** What the wrapped prototypes record while a write runs (`undefined` between writes). */
let probe;

function sizeOf(value) {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof Blob) return value.size;
  return JSON.stringify(value)?.length ?? 0;
}

function wrapPrototypes() {
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, ...rest) {
    const tx = transaction.call(this, stores, mode, ...rest);
    if (probe) {
      const scope = typeof stores === 'string' ? 1 : stores.length;
      probe.counts[`tx ${mode ?? 'readonly'}`] =
        (probe.counts[`tx ${mode ?? 'readonly'}`] ?? 0) + 1;
      if (mode === 'readwrite') {
        probe.counts['stores locked'] = (probe.counts['stores locked'] ?? 0) + scope;
        probe.txStart ??= performance.now();
        const own = probe;
        tx.addEventListener('complete', () => {
          own.txEnd = performance.now();
        });
      }
    }
    return tx;
  };
  const wrap = (proto, methods, storeOf) => {
    for (const method of methods) {
      const original = proto[method];
      proto[method] = function (...args) {
        if (probe) {
          const key = `${method} ${storeOf(this)}`;
          probe.counts[key] = (probe.counts[key] ?? 0) + 1;
          probe.counts.requests = (probe.counts.requests ?? 0) + 1;
          if (method === 'put' || method === 'add') {
            probe.counts['bytes written'] = (probe.counts['bytes written'] ?? 0) + sizeOf(args[0]);
          }
          probe.lastRequest = performance.now();
        }
        return original.apply(this, args);
      };
    }
  };
  const reads = ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor'];
  wrap(IDBObjectStore.prototype, [...reads, 'put', 'add', 'delete', 'clear'], (s) => s.name);
  wrap(IDBIndex.prototype, reads, (i) => `${i.objectStore.name}.${i.name}`);
}

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
        const split = { before: [], issuing: [], waiting: [] };
        for (let i = 0; i < ops(n); i++) {
          probe = { counts };
          const start = performance.now();
          await run(db, i);
          const { txStart, lastRequest, txEnd } = probe;
          probe = undefined;
          split.before.push(txStart - start);
          split.issuing.push(lastRequest - txStart);
          split.waiting.push(txEnd - lastRequest);
        }
        await db.destroy();
        samples[target] ??= { counts: {}, before: [], issuing: [], waiting: [] };
        const entry = samples[target];
        // Counts are the same every repetition (no load in them): the last one's are kept.
        for (const [key, count] of Object.entries(counts)) entry.counts[key] = count / ops(n);
        for (const part of ['before', 'issuing', 'waiting']) entry[part].push(median(split[part]));
      }
    }
    for (const [target, s] of Object.entries(samples)) {
      rows.push({
        shape,
        target,
        counts: s.counts,
        ms: { before: median(s.before), issuing: median(s.issuing), waiting: median(s.waiting) },
      });
    }
  }
  return rows;
}

globalThis.writeAnatomy = anatomy;
