// Scans over the id index and the by-seq index, every one with include_docs: apps read the
// documents, and fetching bodies is where a layout that splits metadata from bodies pays.
import { docId, makeDocs, randomInts } from '../docs.mjs';

export const allDocs = {
  name: 'alldocs',
  label: (s) => `allDocs({include_docs}) over ${s.docs} docs`,
  fresh: false,
  seedDocs: (s) => makeDocs(s.docs),
  prepare: () => null,
  api: async (db) => (await db.allDocs({ include_docs: true })).rows.length,
  floor: async (floor) => (await floor.range({})).length,
};

export const ranges = {
  name: 'ranges',
  label: (s) => `${s.ranges} x allDocs startkey/endkey of ${s.rangeSize} docs, include_docs`,
  fresh: false,
  seedDocs: (s) => makeDocs(s.docs),
  prepare: (s) =>
    randomInts(s.ranges, s.docs - s.rangeSize, 4).map((i) => [
      docId(i),
      docId(i + s.rangeSize - 1),
    ]),
  api: async (db, bounds) => {
    let rows = 0;
    for (const [startkey, endkey] of bounds) {
      rows += (await db.allDocs({ startkey, endkey, include_docs: true })).rows.length;
    }
    return rows;
  },
  floor: async (floor, bounds) => {
    let rows = 0;
    for (const [start, end] of bounds) rows += (await floor.range({ start, end })).length;
    return rows;
  },
};

/** Every page of the database by skip/limit: quadratic in the number of pages by nature. */
export const paging = {
  name: 'skip-paging',
  label: (s) => `allDocs skip/limit pages of ${s.pageSize} over ${s.docs}, include_docs`,
  fresh: false,
  seedDocs: (s) => makeDocs(s.docs),
  prepare: (s) => s,
  api: async (db, s) => {
    let rows = 0;
    for (let skip = 0; skip < s.docs; skip += s.pageSize) {
      const page = await db.allDocs({ skip, limit: s.pageSize, include_docs: true });
      rows += page.rows.length;
    }
    return rows;
  },
  floor: async (floor, s) => {
    let rows = 0;
    for (let skip = 0; skip < s.docs; skip += s.pageSize) {
      rows += (await floor.range({ skip, limit: s.pageSize })).length;
    }
    return rows;
  },
};

export const changes = {
  name: 'changes',
  label: (s) => `changes({since: 0, include_docs}) over ${s.docs} docs`,
  fresh: false,
  seedDocs: (s) => makeDocs(s.docs),
  prepare: () => null,
  api: async (db) => (await db.changes({ since: 0, include_docs: true })).results.length,
  floor: async (floor) => (await floor.changes(0)).length,
};
