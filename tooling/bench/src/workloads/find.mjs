// PouchDB's Mango workloads (tests/performance/perf.find.js) on its 10,000 docs
// `{key: i % 1337, even, random, str}`: queries without an index (a full scan), building an
// index, and queries through an index on `key`. pouchdb@9 runs with pouchdb-find@9.
// PouchDB's `$eq` query asks for `key: 'foo'`, which matches nothing; here it asks for a key
// that exists (~7 docs), so the query also reads documents. No query sets a limit, so
// pouchdb-find's default of 25 applies, as in PouchDB's suite; the floor stops there too.
//
// The floor has no query engine: without an index it reads and filters every document; with
// one it reads the selected documents by id (ids found, untimed, in an in-memory index); an
// index build reads every document and writes one entry each.
import PouchDB from 'pouchdb';
import pouchdbFind from 'pouchdb-find';
import { prng } from '../docs.mjs';

PouchDB.plugin(pouchdbFind);

const STRS = ['foo', 'bar', 'smang', 'foobar'];

function findDocs(s) {
  const rand = prng(31);
  return Array.from({ length: s.findDocs }, (_, i) => ({
    key: i % 1337,
    even: i % 2 === 0,
    random: rand(),
    str: STRS[i % 3],
  }));
}

/** pouchdb-find's default `limit`. */
const LIMIT = 25;
const EQ = { key: 42 };
const GT = { $and: [{ key: { $gt: 4 } }, { key: { $ne: 7 } }] };
const MULTI = { key: { $gt: 5 }, str: 'foo' };

const matchEq = (d) => d.key === 42;
const matchGt = (d) => d.key > 4 && d.key !== 7;
const matchMulti = (d) => d.key > 5 && d.str === 'foo';

async function createIndex(db) {
  if (typeof db.find !== 'function') {
    throw new Error('db.find is missing: register @satchel/mango in @satchel/node');
  }
  await db.createIndex({ index: { fields: ['key'] } });
}

/** `rounds` finds of `query`; returns the docs found. */
async function finds(db, rounds, query) {
  let n = 0;
  for (let r = 0; r < rounds; r++) n += (await db.find(structuredClone(query))).docs.length;
  return n;
}

/** The floor's full scan: every doc read and tested, `rounds` times. */
async function floorScan(floor, rounds, match) {
  let n = 0;
  for (let r = 0; r < rounds; r++) n += (await floor.scan(match, LIMIT)).length;
  return n;
}

/** The floor's "index": doc ids by key, sorted, built untimed from the stored docs. */
const floorIndexes = new WeakMap();

async function buildFloorIndex(floor) {
  const docs = await floor.range({});
  const entries = docs.map((d) => [d.key, d._id]);
  entries.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
  floorIndexes.set(floor, entries);
}

/** Reads the docs an index range selects, then applies the rest of the selector. */
async function floorIndexed(floor, rounds, inRange, match) {
  const entries = floorIndexes.get(floor);
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    const ids = entries.filter(([key]) => inRange(key)).map(([, id]) => id);
    // Docs are read in pages of the limit until enough match (the index serves only `key`).
    let found = 0;
    for (let i = 0; i < ids.length && found < LIMIT; i += LIMIT) {
      const docs = await floor.getMany(ids.slice(i, i + LIMIT));
      found += docs.filter((d) => d && match(d)).length;
    }
    n += Math.min(found, LIMIT);
  }
  return n;
}

function noIndex(name, selector, match) {
  return {
    name,
    label: (s) =>
      `${s.findRounds} x find ${JSON.stringify(selector)} without an index over ${s.findDocs}`,
    fresh: false,
    seedDocs: findDocs,
    prepare: (s) => s.findRounds,
    api: (db, rounds) => finds(db, rounds, { selector }),
    floor: (floor, rounds) => floorScan(floor, rounds, match),
  };
}

function indexed(name, query, rounds, inRange, match) {
  return {
    name,
    label: (s) =>
      `${rounds(s)} x find ${JSON.stringify(query)} via an index on key over ${s.findDocs}`,
    fresh: false,
    seedDocs: findDocs,
    setup: { api: createIndex, floor: buildFloorIndex },
    prepare: rounds,
    api: (db, n) => finds(db, n, query),
    floor: (floor, n) => floorIndexed(floor, n, inRange, match),
  };
}

export const findCreateIndex = {
  name: 'find-create-index',
  label: (s) => `createIndex on key over ${s.findDocs} existing docs`,
  fresh: true,
  seedDocs: findDocs,
  prepare: () => null,
  api: async (db, _input, s) => {
    await createIndex(db);
    return s.findDocs;
  },
  floor: async (floor) => {
    const docs = await floor.range({});
    const ops = docs.map((d) => ({
      type: 'put',
      key: `i!${String(d.key).padStart(8, '0')}\u0000${d._id}`,
      value: d._id,
    }));
    await floor.db.batch(ops);
    return docs.length;
  },
};

export const findWorkloads = [
  noIndex('find-noindex-eq', EQ, matchEq),
  noIndex('find-noindex-gt', GT, matchGt),
  findCreateIndex,
  indexed(
    'find-index-eq',
    { selector: EQ },
    (s) => s.findEqRounds,
    (k) => k === 42,
    matchEq,
  ),
  indexed(
    'find-index-gt-sort',
    { selector: GT, sort: [{ key: 'asc' }] },
    (s) => s.findRounds,
    (k) => k > 4,
    matchGt,
  ),
  indexed(
    'find-index-multi',
    { selector: MULTI },
    (s) => s.findRounds,
    (k) => k > 5,
    matchMulti,
  ),
];
