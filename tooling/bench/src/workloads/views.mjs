// Map/reduce views: build a persistent view, read key ranges, reduce with grouping, and catch
// up after writes. Satchel and pouchdb@9 query the same design doc; the floor does the least
// storage work a persistent index needs on raw classic-level: read the changed docs, map them
// in plain JS, and write index entries (plus each doc's old keys, to drop them on update) in
// one batch; queries are range scans of those entries.
import { docId, makeDoc, randomInts } from '../docs.mjs';

const DDOC = {
  _id: '_design/bench',
  views: {
    by_owner: {
      map: 'function (doc) { emit([doc.owner.name, doc.n], doc.price); }',
      reduce: '_sum',
    },
  },
};
const VIEW = 'bench/by_owner';
/** Owners in the bench documents (`makeDoc` uses `user${i % 97}`). */
const OWNERS = 97;
/** How many documents the incremental workload changes before its query. */
const WRITES = 100;

// --- the floor's index: `v!<owner>\0<n>\0<id>` -> price, `k!<id>` -> its index keys -------

const entryKey = (doc) =>
  `v!${doc.owner.name}\u0000${String(doc.n).padStart(10, '0')}\u0000${doc._id}`;
const keysKey = (id) => `k!${id}`;
const LAST_SEQ = 'm!lastSeq';

/** Brings the floor's index up to date: changes since the last update, one batch. */
async function floorUpdate(floor) {
  const since = Number(floor.db.getSync(LAST_SEQ) ?? 0);
  const changes = await floor.changes(since);
  if (changes.length === 0) return 0;
  const oldKeys = await floor.readMany(changes.map((c) => keysKey(c.id)));
  const ops = [];
  changes.forEach((change, i) => {
    for (const key of oldKeys[i] === undefined ? [] : JSON.parse(oldKeys[i])) {
      ops.push({ type: 'del', key });
    }
    const key = entryKey(change.doc);
    ops.push({ type: 'put', key, value: JSON.stringify(change.doc.price) });
    ops.push({ type: 'put', key: keysKey(change.id), value: JSON.stringify([key]) });
  });
  ops.push({ type: 'put', key: LAST_SEQ, value: String(changes[changes.length - 1].seq) });
  await floor.db.batch(ops);
  return changes.length;
}

/** The floor's rows for one owner (a key range `[owner]` … `[owner, {}]`). */
async function floorRange(floor, owner) {
  await floorUpdate(floor);
  return floor.db.iterator({ gte: `v!${owner}\u0000`, lt: `v!${owner}\u0001` }).all();
}

/** The floor's `group_level: 1` reduce: one scan, sums per owner. */
async function floorGroups(floor) {
  await floorUpdate(floor);
  const sums = new Map();
  for (const [key, value] of await floor.db.iterator({ gte: 'v!', lt: 'v"' }).all()) {
    const owner = key.slice(2, key.indexOf('\u0000'));
    sums.set(owner, (sums.get(owner) ?? 0) + JSON.parse(value));
  }
  return sums.size;
}

// --- the workloads ---------------------------------------------------------------------

/** Untimed: the design doc, and (when `build`) a first query that builds the index. */
function setupView(build) {
  return {
    api: async (db) => {
      await db.put(structuredClone(DDOC));
      if (build) await db.query(VIEW, { limit: 0 });
    },
    floor: async (floor) => {
      if (build) await floorUpdate(floor);
    },
  };
}

export const viewBuild = {
  name: 'view-build',
  label: (s) => `build a persistent view (emit [owner, n], _sum) over ${s.docs} docs`,
  fresh: true,
  seedDocs: (s) => Array.from({ length: s.docs }, (_, i) => makeDoc(i)),
  setup: setupView(false),
  prepare: () => null,
  api: async (db) => (await db.query(VIEW, { reduce: false, limit: 0 })).total_rows,
  floor: async (floor) => floorUpdate(floor),
};

export const viewRanges = {
  name: 'view-ranges',
  label: (s) => `${s.ranges} x query one owner's key range over a ${s.docs}-doc view`,
  fresh: false,
  seedDocs: (s) => Array.from({ length: s.docs }, (_, i) => makeDoc(i)),
  setup: setupView(true),
  prepare: (s) => randomInts(s.ranges, OWNERS, 8).map((i) => `user${i}`),
  api: async (db, owners) => {
    let rows = 0;
    for (const owner of owners) {
      const res = await db.query(VIEW, { startkey: [owner], endkey: [owner, {}], reduce: false });
      rows += res.rows.length;
    }
    return rows;
  },
  floor: async (floor, owners) => {
    let rows = 0;
    for (const owner of owners) rows += (await floorRange(floor, owner)).length;
    return rows;
  },
};

export const viewGroup = {
  name: 'view-group',
  label: (s) => `query _sum with group_level 1 (${OWNERS} groups) over a ${s.docs}-doc view`,
  fresh: false,
  seedDocs: (s) => Array.from({ length: s.docs }, (_, i) => makeDoc(i)),
  setup: setupView(true),
  prepare: () => null,
  api: async (db) => (await db.query(VIEW, { group_level: 1 })).rows.length,
  floor: async (floor) => floorGroups(floor),
};

/** Untimed: builds the index, then changes `WRITES` documents (one write each). */
const setupIncremental = {
  api: async (db, ids) => {
    await setupView(true).api(db);
    for (const id of ids) {
      const doc = await db.get(id);
      await db.put({ ...doc, n: doc.n + 1_000_000, price: doc.price + 1 });
    }
  },
  floor: async (floor, ids) => {
    await floorUpdate(floor);
    for (const id of ids) {
      const doc = await floor.get(id);
      await floor.put({ ...doc, n: doc.n + 1_000_000, price: doc.price + 1 });
    }
  },
};

export const viewIncremental = {
  name: 'view-incremental',
  label: (s) => `query after ${WRITES} writes to a built ${s.docs}-doc view (index catch-up)`,
  fresh: true,
  seedDocs: (s) => Array.from({ length: s.docs }, (_, i) => makeDoc(i)),
  setup: setupIncremental,
  prepare: (s) => randomInts(WRITES, s.docs, 9).map(docId),
  // Timed: the catch-up, then one small range read (an owner's rows) to show it is done.
  api: async (db) => {
    const res = await db.query(VIEW, { startkey: ['user0'], endkey: ['user0', {}], reduce: false });
    return res.rows.length;
  },
  floor: async (floor) => (await floorRange(floor, 'user0')).length,
};

/** The view workloads, in the order they run. */
export const viewWorkloads = [viewBuild, viewRanges, viewGroup, viewIncremental];
