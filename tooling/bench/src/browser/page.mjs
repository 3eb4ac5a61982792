// The Chromium bench page: the bench's workloads on @satchel/browser (indexeddb) and on
// pouchdb-browser@9 with its `idb` and `indexeddb` adapters, in one page, repetitions
// interleaved (rotated order), medians reported. Bundled by esbuild (run.mjs), where `pouchdb`
// is aliased to `pouchdb-browser`, so the workload files are shared with the Node bench.
import Satchel from '@satchel/browser';
import PouchIndexedDb from 'pouchdb-adapter-indexeddb';
import PouchDB from 'pouchdb-browser';
import pouchdbFind from 'pouchdb-find';
import { makeDocs } from '../docs.mjs';
import { findEq, findRangeSort } from '../workloads/find.mjs';
import { gets, keys } from '../workloads/reads.mjs';
import { allDocs, changes } from '../workloads/scans.mjs';
import { viewBuild } from '../workloads/views.mjs';
import { bulkInsert, singlePuts } from '../workloads/writes.mjs';

PouchDB.plugin(PouchIndexedDb);
PouchDB.plugin(pouchdbFind);

/** One-shot replication of the seeded database into a new empty one on the same adapter. */
const replication = {
  name: 'replication',
  label: (s) => `replicate ${s.docs} docs into an empty database (same adapter)`,
  fresh: true,
  seedDocs: (s) => makeDocs(s.docs),
  prepare: () => null,
  api: async (db) => {
    const Db = db.constructor;
    const target = new Db(
      `${db.name}-replica`,
      db.__opts?.adapter ? { adapter: db.__opts.adapter } : {},
    );
    const result = await Db.replicate(db, target);
    await target.destroy();
    return result.docs_written;
  },
};

/**
 * pouchdb-adapter-indexeddb@9 answers no documents to `find` on a nested field (`owner.name`)
 * through its index, so that column is left out of this workload rather than timed doing less.
 */
const findEqBrowser = { ...findEq, skipTargets: ['pouchdb-indexeddb'] };

export const workloads = [
  bulkInsert,
  singlePuts,
  gets,
  allDocs,
  keys,
  changes,
  findEqBrowser,
  findRangeSort,
  viewBuild,
  replication,
];

let opened = 0;
const target = (name, Ctor, adapter) => ({
  name,
  open: async () => {
    const db = new Ctor(`bench-${name}-${Date.now()}-${opened++}`, { adapter });
    await db.info();
    return db;
  },
});

export const allTargets = [
  target('satchel', Satchel, 'indexeddb'),
  target('pouchdb-idb', PouchDB, 'idb'),
  target('pouchdb-indexeddb', PouchDB, 'indexeddb'),
];

async function seed(db, docs) {
  for (let i = 0; i < docs.length; i += 1000) {
    const rows = await db.bulkDocs(docs.slice(i, i + 1000));
    if (rows.some((r) => r.error)) throw new Error('seeding failed');
  }
}

async function prepareDb(workload, t, sizes, input) {
  const db = await t.open();
  if (workload.seedDocs) await seed(db, workload.seedDocs(sizes));
  if (workload.setup) await workload.setup.api(db, input, sizes);
  return db;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Times one workload on every target, order rotated each repetition; medians in ms. */
async function measure(workload, sizes) {
  const targets = allTargets.filter(
    (t) =>
      !workload.skipTargets?.includes(t.name) && (!globalThis.onlySatchel || t.name === 'satchel'),
  );
  const input = await workload.prepare(sizes);
  const samples = Object.fromEntries(targets.map((t) => [t.name, []]));
  const kept = new Map();
  if (!workload.fresh) {
    for (const t of targets) kept.set(t, await prepareDb(workload, t, sizes, input));
  }
  for (let rep = 0; rep < sizes.reps; rep++) {
    const counts = new Map();
    for (let i = 0; i < targets.length; i++) {
      const t = targets[(i + rep) % targets.length];
      const db = kept.get(t) ?? (await prepareDb(workload, t, sizes, input));
      const start = performance.now();
      counts.set(t.name, await workload.api(db, input, sizes));
      samples[t.name].push(performance.now() - start);
      if (workload.fresh) await db.destroy();
    }
    if (new Set(counts.values()).size !== 1) {
      throw new Error(`${workload.name}: targets disagree: ${JSON.stringify([...counts])}`);
    }
  }
  for (const db of kept.values()) await db.destroy();
  return Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, median(s)]));
}

/** Runs the selected workloads; reports each row through `onRow` as it completes. */
export async function runBench(sizes, filters, onRow) {
  const rows = [];
  for (const w of workloads) {
    if (filters.length > 0 && !filters.some((f) => w.name.includes(f))) continue;
    const row = { name: w.name, label: w.label(sizes), ms: await measure(w, sizes) };
    rows.push(row);
    onRow?.(row);
  }
  return rows;
}

globalThis.runBench = runBench;
