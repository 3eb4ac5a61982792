// Mango queries (`db.find`) on 10k documents: with an index ($eq, range + sort, $or), without
// one (a full scan), and the time to build an index. pouchdb@9 runs with pouchdb-find@9.
// The floor has no query engine: for indexed finds it reads the selected documents by id (the
// ids computed, untimed, from an in-memory index), for the scan it reads and filters every
// document, and for the build it reads every document and writes one entry per document.
import PouchDB from 'pouchdb';
import pouchdbFind from 'pouchdb-find';
import { makeDocs, prng } from '../docs.mjs';

PouchDB.plugin(pouchdbFind);

/** Queries per timed run of the indexed workloads. */
const QUERIES = 50;
/** Width of a price range: ~100 documents of 10k (prices grow by ~0.37 per document). */
const PRICE_SPAN = 37;
const OWNERS = 97;

async function createIndex(db, fields) {
  if (typeof db.find !== 'function') {
    throw new Error('db.find is missing: register @satchel/mango in @satchel/node');
  }
  await db.createIndex({ index: { fields } });
}

const owner = (k) => `user${k}`;

/** Untimed: the floor's stand-in for an index, field value -> sorted ids. */
function floorIndex(docs, keyOf) {
  const entries = docs.map((d) => [keyOf(d), d._id]);
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
  return entries;
}

async function floorFetch(floor, ids) {
  const docs = await floor.getMany(ids);
  return docs.filter(Boolean).length;
}

export const findEq = {
  name: 'find-eq',
  label: (s) =>
    `${QUERIES} x find $eq via index (~${Math.round(s.docs / OWNERS)} docs each) over ${s.docs}`,
  fresh: false,
  seedDocs: (s) => makeDocs(s.docs),
  prepare: () => {
    const rand = prng(11);
    return Array.from({ length: QUERIES }, () => owner(Math.floor(rand() * OWNERS)));
  },
  setup: {
    api: (db) => createIndex(db, ['owner.name']),
    floor: (_floor, _input, s) => {
      findEq.byOwner = floorIndex(makeDocs(s.docs), (d) => d.owner.name);
    },
  },
  api: async (db, owners) => {
    let n = 0;
    for (const name of owners) {
      n += (await db.find({ selector: { 'owner.name': name }, limit: 1000 })).docs.length;
    }
    return n;
  },
  floor: async (floor, owners) => {
    let n = 0;
    for (const name of owners) {
      n += await floorFetch(
        floor,
        findEq.byOwner.filter((e) => e[0] === name).map((e) => e[1]),
      );
    }
    return n;
  },
};

export const findRangeSort = {
  name: 'find-range-sort',
  label: (s) => `${QUERIES} x find price range + sort desc via index (~100 docs) over ${s.docs}`,
  fresh: false,
  seedDocs: (s) => makeDocs(s.docs),
  prepare: (s) => {
    const rand = prng(12);
    const top = (s.docs * 37.31) / 100 - PRICE_SPAN;
    return Array.from({ length: QUERIES }, () => Math.floor(rand() * top));
  },
  setup: {
    api: (db) => createIndex(db, ['price']),
    floor: (_floor, _input, s) => {
      findRangeSort.byPrice = floorIndex(makeDocs(s.docs), (d) => d.price);
    },
  },
  api: async (db, starts) => {
    let n = 0;
    for (const low of starts) {
      const selector = { price: { $gte: low, $lt: low + PRICE_SPAN } };
      n += (await db.find({ selector, sort: [{ price: 'desc' }], limit: 1000 })).docs.length;
    }
    return n;
  },
  floor: async (floor, starts) => {
    let n = 0;
    for (const low of starts) {
      const hits = findRangeSort.byPrice.filter((e) => e[0] >= low && e[0] < low + PRICE_SPAN);
      n += await floorFetch(floor, hits.map((e) => e[1]).reverse());
    }
    return n;
  },
};

export const findOr = {
  name: 'find-or',
  label: (s) => `${QUERIES} x find $eq + $or via index over ${s.docs}`,
  fresh: false,
  seedDocs: (s) => makeDocs(s.docs),
  prepare: findEq.prepare,
  setup: findEq.setup,
  api: async (db, owners) => {
    let n = 0;
    for (const name of owners) {
      const selector = {
        'owner.name': name,
        $or: [{ active: false }, { price: { $lt: 1000 } }],
      };
      n += (await db.find({ selector, limit: 1000 })).docs.length;
    }
    return n;
  },
  floor: async (floor, owners) => {
    let n = 0;
    for (const name of owners) {
      const ids = findEq.byOwner.filter((e) => e[0] === name).map((e) => e[1]);
      const docs = (await floor.getMany(ids)).filter(Boolean);
      n += docs.filter((d) => d.active === false || d.price < 1000).length;
    }
    return n;
  },
};

/** A selector no index serves: every document is read and tested. */
const SCAN_SELECTOR = { active: false, title: { $regex: 'alpha' } };
const SCANS = 5;

export const findScan = {
  name: 'find-scan',
  label: (s) => `${SCANS} x find without an index (full scan) over ${s.docs}`,
  fresh: false,
  seedDocs: (s) => makeDocs(s.docs),
  prepare: () => null,
  api: async (db, _input, s) => {
    let n = 0;
    for (let i = 0; i < SCANS; i++) {
      n += (await db.find({ selector: SCAN_SELECTOR, limit: s.docs })).docs.length;
    }
    return n;
  },
  floor: async (floor) => {
    let n = 0;
    for (let i = 0; i < SCANS; i++) {
      const docs = await floor.range({});
      n += docs.filter((d) => d.active === false && d.title.includes('alpha')).length;
    }
    return n;
  },
};

export const indexBuild = {
  name: 'index-build',
  label: (s) => `createIndex on two fields over ${s.docs} existing docs`,
  fresh: true,
  seedDocs: (s) => makeDocs(s.docs),
  prepare: () => null,
  api: async (db, _input, s) => {
    await createIndex(db, ['owner.name', 'price']);
    return s.docs;
  },
  floor: async (floor) => {
    const docs = await floor.range({});
    const entries = docs.map((d) => ({ _id: `idx-${d.owner.name}-${d.price}-${d._id}` }));
    for (let i = 0; i < entries.length; i += 1000) await floor.bulkPut(entries.slice(i, i + 1000));
    return docs.length;
  },
};

/** The find workloads, in the order they run (the lead wires them into `workloads`). */
export const findWorkloads = [findEq, findRangeSort, findOr, findScan, indexBuild];
