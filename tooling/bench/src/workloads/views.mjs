// PouchDB's view workloads (tests/performance/perf.views.js): temporary views, building a
// persistent view, and querying it (up to date, and with `stale: 'ok'`). The docs are PouchDB's
// twelve mixed keys (null, booleans, numbers, strings), 100 times over.
//
// The floor keeps the least a persistent index needs on the raw store: `v!<key>\0<id>` entries
// written in one batch from one read of the changes, a `m!lastSeq` it checks before a query,
// and range reads of the entries. Its key encoding orders types as CouchDB does (null, false,
// true, numbers, strings) without full collation: the storage work is the same.
import { prng } from '../docs.mjs';

const DDOC = {
  _id: '_design/myview',
  views: { myview: { map: 'function (doc) { emit(doc.key); }' } },
};
const VIEW = 'myview/myview';

/** PouchDB's twelve test docs; its `Math.random()` parts come from a seeded source here. */
function makeTestDocs(rand) {
  return [null, true, false, -1, 0, 1, 2, 3, rand(), `bar${rand()}`, `foo${rand()}`]
    .concat([`foobar${rand()}`])
    .map((key) => ({ key }));
}

function viewDocs(s) {
  const rand = prng(21);
  return Array.from({ length: s.viewBatches }, () => makeTestDocs(rand)).flat();
}

/** The five queries each PouchDB view round runs in parallel. */
const TASKS = [
  { startkey: 'foo', limit: 5 },
  { startkey: 'foobar', limit: 5 },
  { startkey: 'foo', limit: 5 },
  { startkey: -1, limit: 5 },
  { startkey: null, limit: 5 },
];

// --- the floor's index ------------------------------------------------------------------

/** A text key in CouchDB's type order; numbers offset and padded so text order is numeric. */
function encodeKey(key) {
  if (key === null || key === undefined) return 'a';
  if (key === false) return 'b';
  if (key === true) return 'c';
  if (typeof key === 'number') return `d${(key + 1e9).toFixed(12).padStart(24, '0')}`;
  return `e${String(key)}`;
}

const LAST_SEQ = 'm!lastSeq';

/** Brings the floor's index up to date: changes since the last update, one batch. */
async function floorUpdate(floor, mapKey) {
  const since = Number(floor.db.getSync?.(LAST_SEQ) ?? (await floor.db.get(LAST_SEQ)) ?? 0);
  if (since === floor.seq) return 0;
  const changes = await floor.changes(since);
  const ops = changes.map(({ id, doc }) => ({
    type: 'put',
    key: `v!${encodeKey(mapKey(doc))}\u0000${id}`,
    value: JSON.stringify([mapKey(doc), id]),
  }));
  ops.push({ type: 'put', key: LAST_SEQ, value: String(floor.seq) });
  await floor.db.batch(ops);
  return changes.length;
}

/** `limit` rows from `startkey` on, after the update check a non-stale query makes. */
async function floorQuery(floor, { startkey, limit }, stale) {
  if (!stale) await floorUpdate(floor, (doc) => doc.key);
  const rows = await floor.db.values({ gte: `v!${encodeKey(startkey)}`, lt: 'v"', limit }).all();
  return rows.map((v) => JSON.parse(v));
}

// --- the workloads ------------------------------------------------------------------------

export const tempViews = {
  name: 'temp-views',
  label: (s) => `${s.tempViewRounds} x 5 parallel temp-view queries over ${s.viewBatches * 12}`,
  fresh: false,
  seedDocs: viewDocs,
  prepare: (s) => s.tempViewRounds,
  api: async (db, rounds) => {
    let rows = 0;
    for (let r = 0; r < rounds; r++) {
      const results = await Promise.all(
        TASKS.map((task) =>
          db.query((doc) => {
            emit(doc.key);
          }, task),
        ),
      );
      for (const res of results) rows += res.rows.length;
    }
    return rows;
  },
  // The floor maps every doc and sorts the keys for each query, as a temp view must.
  floor: async (floor, rounds) => {
    let rows = 0;
    for (let r = 0; r < rounds; r++) {
      const results = await Promise.all(
        TASKS.map(async ({ startkey, limit }) => {
          const docs = await floor.range({});
          const keys = docs.map((d) => [encodeKey(d.key), d._id]).sort();
          const from = encodeKey(startkey);
          return keys.filter(([k]) => k >= from).slice(0, limit);
        }),
      );
      for (const res of results) rows += res.length;
    }
    return rows;
  },
};

export const viewBuild = {
  name: 'view-build',
  label: (s) => `build a persistent view (emit doc._id) over ${s.viewBuildDocs} docs`,
  fresh: true,
  seedDocs: (s) => Array.from({ length: s.viewBuildDocs }, () => ({})),
  setup: { api: (db) => db.put(structuredClone(DDOC)), floor: () => {} },
  prepare: () => null,
  api: async (db) => (await db.query(VIEW, { limit: 0 })).total_rows,
  floor: async (floor) => floorUpdate(floor, (doc) => doc._id),
};

/** Untimed: the design doc, and a first query that builds the index. */
const builtView = {
  api: async (db) => {
    await db.put(structuredClone(DDOC));
    await db.query(VIEW, { limit: 0 });
  },
  floor: (floor) => floorUpdate(floor, (doc) => doc.key),
};

function persistedViews(name, stale) {
  return {
    name,
    label: (s) =>
      `${s.viewRounds} x 5 parallel queries (limit 5)${stale ? " stale: 'ok'" : ''} over ${s.viewBatches * 12}`,
    fresh: false,
    seedDocs: viewDocs,
    setup: builtView,
    prepare: (s) => s.viewRounds,
    api: async (db, rounds) => {
      let rows = 0;
      for (let r = 0; r < rounds; r++) {
        const results = await Promise.all(
          TASKS.map((task) => db.query(VIEW, stale ? { ...task, stale: 'ok' } : task)),
        );
        for (const res of results) rows += res.rows.length;
      }
      return rows;
    },
    floor: async (floor, rounds) => {
      let rows = 0;
      for (let r = 0; r < rounds; r++) {
        const results = await Promise.all(TASKS.map((task) => floorQuery(floor, task, stale)));
        for (const res of results) rows += res.length;
      }
      return rows;
    },
  };
}

export const viewWorkloads = [
  tempViews,
  viewBuild,
  persistedViews('persisted-views', false),
  persistedViews('persisted-views-stale-ok', true),
];
