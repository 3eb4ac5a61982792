// PouchDB's basic workloads (tests/performance/perf.basics.js): inserts one by one and in
// bulk, updates, point reads and allDocs shapes, plus a changes feed from 0. Each returns a
// count that the runner compares across targets, so a target that silently did less work
// fails loudly instead of looking fast.
import { createDocId, distinctInts, makeDocs, randomInts, smallDoc } from '../docs.mjs';

const times = (n, make) => Array.from({ length: n }, (_, i) => make(i));

export const basicInserts = {
  name: 'basic-inserts',
  label: (s) => `${s.inserts} sequential post() of a tiny doc`,
  fresh: true,
  prepare: (s) => s.inserts,
  api: async (db, n) => {
    for (let i = 0; i < n; i++) await db.post({ yo: 'dawg' });
    return n;
  },
  floor: async (floor, n) => {
    for (let i = 0; i < n; i++) await floor.post({ yo: 'dawg' });
    return n;
  },
};

/**
 * Not in PouchDB's suite: `put`s an app issues without awaiting each (`Promise.all`), in rounds
 * of `bulkSize`. A database may commit such writes together (group commit); the floor writes
 * each round in one batch, the least a crash-safe store can do for them.
 */
export const concurrentPuts = {
  name: 'concurrent-puts',
  label: (s) => `${s.inserts} put() of a tiny new doc, ${s.bulkSize} at a time (Promise.all)`,
  fresh: true,
  prepare: (s) => ({ rounds: Math.ceil(s.inserts / s.bulkSize), size: s.bulkSize }),
  api: async (db, { rounds, size }) => {
    let n = 0;
    for (let r = 0; r < rounds; r++) {
      const puts = times(size, (i) => db.put({ _id: `doc-${r}-${i}`, yo: 'dawg' }));
      n += (await Promise.all(puts)).length;
    }
    return n;
  },
  floor: async (floor, { rounds, size }) => {
    let n = 0;
    for (let r = 0; r < rounds; r++) {
      const docs = times(size, (i) => ({ _id: `doc-${r}-${i}`, yo: 'dawg' }));
      n += (await floor.bulkPut(docs)).length;
    }
    return n;
  },
};

/** `bulkDocs` of `batches` calls; `make()` builds each call's new docs (fresh objects). */
function bulkInsertWorkload(name, label, batches, make) {
  return {
    name,
    label,
    fresh: true,
    prepare: (s) => s,
    api: async (db, s) => {
      let n = 0;
      for (let b = 0; b < batches(s); b++) n += (await db.bulkDocs(make(s))).length;
      return n;
    },
    floor: async (floor, s) => {
      let n = 0;
      for (let b = 0; b < batches(s); b++) {
        const docs = make(s).map((doc) => ({ _id: crypto.randomUUID(), ...doc }));
        n += (await floor.bulkPut(docs)).length;
      }
      return n;
    },
  };
}

export const bulkInserts = bulkInsertWorkload(
  'bulk-inserts',
  (s) => `${s.bulkBatches} x bulkDocs of ${s.bulkSize} tiny new docs`,
  (s) => s.bulkBatches,
  (s) => times(s.bulkSize, () => ({ much: 'docs', very: 'bulk' })),
);

function largeDoc(fields) {
  const doc = {};
  for (let i = 0; i < fields; i++) doc[`hello${i}`] = `hey${i}`;
  return doc;
}

export const bulkInsertsLarge = bulkInsertWorkload(
  'bulk-inserts-large-docs',
  (s) => `${s.bulkBatches} x bulkDocs of ${s.bulkSize} docs with ${s.largeFields} fields`,
  (s) => s.bulkBatches,
  (s) => times(s.bulkSize, () => largeDoc(s.largeFields)),
);

/** PouchDB's "massive" doc: nested objects `levels` deep, ten fields at the bottom. */
function deepDoc(levels, fanout, level = 1) {
  const inner = {};
  if (level >= levels) {
    for (let i = 0; i < 10; i++) inner[`sovery${i}`] = i === 3 ? false : `${i}cool`;
    return inner;
  }
  for (let i = 0; i < fanout; i++) inner[`sovery${i}`] = deepDoc(levels, fanout, level + 1);
  return inner;
}

export const bulkInsertsDeep = bulkInsertWorkload(
  'bulk-inserts-deep-docs',
  (s) => `${s.deepBatches} x bulkDocs of ${s.deepDocs} docs nested ${s.deepLevels} deep`,
  (s) => s.deepBatches,
  (s) => times(s.deepDocs, () => deepDoc(s.deepLevels, s.deepFanout)),
);

/** get() then put() back with one field changed: how apps edit a document. */
export const updatesPut = {
  name: 'updates-put',
  label: (s) => `${s.updates} x get+put of existing docs (of ${s.smallDocs})`,
  fresh: false, // every repetition edits the same docs again; their rev trees grow by one
  seedDocs: (s) => times(s.smallDocs, (i) => smallDoc(i)),
  prepare: (s) => distinctInts(Math.min(s.updates, s.smallDocs), s.smallDocs, 3).map(createDocId),
  api: async (db, ids) => {
    for (const id of ids) {
      const doc = await db.get(id);
      doc.n = (doc.n ?? 0) + 1;
      await db.put(doc);
    }
    return ids.length;
  },
  floor: async (floor, ids) => {
    for (const id of ids) {
      const doc = await floor.get(id);
      doc.n = (doc.n ?? 0) + 1;
      await floor.put(doc);
    }
    return ids.length;
  },
};

/** PouchDB's basic-updates: read every doc, write them all back, again and again. */
export const updatesBulk = {
  name: 'updates-bulk',
  label: (s) => `${s.updateRounds} x (allDocs include_docs + bulkDocs) of ${s.updateBulkDocs} docs`,
  fresh: true,
  seedDocs: (s) => makeDocs(s.updateBulkDocs),
  prepare: (s) => s.updateRounds,
  api: async (db, rounds) => {
    let n = 0;
    for (let r = 0; r < rounds; r++) {
      const { rows } = await db.allDocs({ include_docs: true });
      n += (await db.bulkDocs(rows.map((row) => row.doc))).length;
    }
    return n;
  },
  floor: async (floor, rounds) => {
    let n = 0;
    for (let r = 0; r < rounds; r++) n += (await floor.bulkPut(await floor.range({}))).length;
    return n;
  },
};

export const basicGets = {
  name: 'basic-gets',
  label: (s) => `${s.gets} x get() by id (of ${s.smallDocs})`,
  fresh: false,
  seedDocs: (s) => times(s.smallDocs, (i) => smallDoc(i)),
  prepare: (s) => times(s.gets, (i) => createDocId(i % s.smallDocs)),
  api: async (db, ids) => {
    let found = 0;
    for (const id of ids) if ((await db.get(id))._id === id) found++;
    return found;
  },
  floor: async (floor, ids) => {
    let found = 0;
    for (const id of ids) if ((await floor.get(id))._id === id) found++;
    return found;
  },
};

export const allDocsIncludeDocs = {
  name: 'all-docs-include-docs',
  label: (s) =>
    `${s.includeDocsRounds} x (allDocs include_docs limit 100 + post) over ${s.smallDocs}, half deleted`,
  fresh: true, // each round posts a doc (PouchDB does it to move the doc count)
  seedDocs: (s) => times(s.smallDocs, (i) => smallDoc(i, i % 2 === 1)),
  prepare: (s) => s.includeDocsRounds,
  api: async (db, rounds) => {
    let rows = 0;
    for (let r = 0; r < rounds; r++) {
      rows += (await db.allDocs({ include_docs: true, limit: 100 })).rows.length;
      await db.post({});
    }
    return rows;
  },
  floor: async (floor, rounds) => {
    let rows = 0;
    for (let r = 0; r < rounds; r++) {
      rows += (await floor.range({ limit: 100, live: true })).length;
      await floor.post({});
    }
    return rows;
  },
};

export const allDocsStartkeyEndkey = {
  name: 'all-docs-startkey-endkey',
  label: (s) => `${s.rangeRounds} x 10 allDocs startkey/endkey of 11 ids (of ${s.smallDocs})`,
  fresh: false,
  seedDocs: (s) => times(s.smallDocs, (i) => smallDoc(i)),
  prepare: (s) => s.rangeRounds,
  api: async (db, rounds) => {
    let rows = 0;
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < 10; i++) {
        const opts = { startkey: createDocId(i * 100), endkey: createDocId(i * 100 + 10) };
        rows += (await db.allDocs(opts)).rows.length;
      }
    }
    return rows;
  },
  floor: async (floor, rounds) => {
    let rows = 0;
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < 10; i++) {
        const range = { start: createDocId(i * 100), end: createDocId(i * 100 + 10) };
        rows += (await floor.range(range)).length;
      }
    }
    return rows;
  },
};

export const allDocsKeys = {
  name: 'all-docs-keys',
  label: (s) =>
    `${s.keysRounds} x allDocs({keys: ${s.keysPerQuery} random ids, include_docs}) of ${s.smallDocs}`,
  fresh: false,
  seedDocs: (s) => times(s.smallDocs, (i) => smallDoc(i)),
  prepare: (s) => {
    const ints = randomInts(s.keysRounds * s.keysPerQuery, s.smallDocs, 2).map(createDocId);
    return times(s.keysRounds, (r) => ints.slice(r * s.keysPerQuery, (r + 1) * s.keysPerQuery));
  },
  api: async (db, queries) => {
    let found = 0;
    for (const keys of queries) {
      const { rows } = await db.allDocs({ keys, include_docs: true });
      found += rows.filter((row) => row.doc).length;
    }
    return found;
  },
  floor: async (floor, queries) => {
    let found = 0;
    for (const keys of queries) found += (await floor.getMany(keys)).filter(Boolean).length;
    return found;
  },
};

export const allDocsSkipLimit = {
  name: 'all-docs-skip-limit',
  label: (s) => `${s.skipRounds} x 10 allDocs skip i*100 limit 10 (of ${s.smallDocs})`,
  fresh: false,
  seedDocs: (s) => times(s.smallDocs, (i) => smallDoc(i)),
  prepare: (s) => s.skipRounds,
  api: async (db, rounds) => {
    let rows = 0;
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < 10; i++) {
        rows += (await db.allDocs({ skip: i * 100, limit: 10 })).rows.length;
      }
    }
    return rows;
  },
  floor: async (floor, rounds) => {
    let rows = 0;
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < 10; i++) rows += (await floor.range({ skip: i * 100, limit: 10 })).length;
    }
    return rows;
  },
};

export const changesSince0 = {
  name: 'changes-since-0',
  label: (s) => `changes({since: 0, include_docs}) over ${s.changesDocs} docs`,
  fresh: false,
  seedDocs: (s) => makeDocs(s.changesDocs),
  prepare: () => null,
  api: async (db) => (await db.changes({ since: 0, include_docs: true })).results.length,
  floor: async (floor) => (await floor.changes(0)).length,
};

export const basicWorkloads = [
  basicInserts,
  concurrentPuts,
  updatesPut,
  bulkInserts,
  bulkInsertsLarge,
  bulkInsertsDeep,
  updatesBulk,
  basicGets,
  allDocsIncludeDocs,
  allDocsStartkeyEndkey,
  allDocsKeys,
  allDocsSkipLimit,
  changesSince0,
];
