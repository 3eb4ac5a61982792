// The Chromium bench page: the bench's workloads on @satchel/browser (indexeddb), on
// pouchdb-browser@9 with its `idb` and `indexeddb` adapters and on the raw IndexedDB floor
// (idb-floor.mjs, the workloads' `floor` parts), in one page, repetitions interleaved (order
// shuffled), medians reported. Bundled by esbuild (run.mjs), where `pouchdb`
// is aliased to `pouchdb-browser`, so the workload files are shared with the Node bench.
import Satchel from '@satchel/browser';
import PouchIndexedDb from 'pouchdb-adapter-indexeddb';
import PouchDB from 'pouchdb-browser';
import pouchdbFind from 'pouchdb-find';
import { prng } from '../docs.mjs';
import {
  allDocsIncludeDocs,
  allDocsKeys,
  basicGets,
  basicInserts,
  bulkInserts,
  changesSince0,
  updatesPut,
} from '../workloads/basics.mjs';
import { findWorkloads } from '../workloads/find.mjs';
import { replicationWorkloads } from '../workloads/replication.mjs';
import { viewBuild } from '../workloads/views.mjs';
import { IdbFloor, idbFloorParts } from './idb-floor.mjs';

PouchDB.plugin(PouchIndexedDb);
PouchDB.plugin(pouchdbFind);

const byName = (list, name) => list.find((w) => w.name === name);

/** The workloads, taken from the Node bench's PouchDB perf suite. */
export const workloads = [
  basicInserts,
  bulkInserts,
  updatesPut,
  basicGets,
  allDocsIncludeDocs,
  allDocsKeys,
  changesSince0,
  byName(findWorkloads, 'find-index-eq'),
  byName(findWorkloads, 'find-index-gt-sort'),
  viewBuild,
  byName(replicationWorkloads, 'replication-1gen'),
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

/** How a target runs a workload's parts: the PouchDB API (`api`) or the floor's (`floor`). */
const API = {
  run: (workload) => workload.api,
  setup: (workload) => workload.setup?.api,
  bulk: (db, docs) => db.bulkDocs(docs),
};
const FLOOR = {
  run: (workload) => idbFloorParts[workload.name] ?? workload.floor,
  setup: (workload) => (idbFloorParts[workload.name] ? undefined : workload.setup?.floor),
  bulk: (floor, docs) => floor.bulkPut(docs),
};

export const allTargets = [
  { ...target('satchel', Satchel, 'indexeddb'), parts: API },
  { ...target('pouchdb-idb', PouchDB, 'idb'), parts: API },
  { ...target('pouchdb-indexeddb', PouchDB, 'indexeddb'), parts: API },
  {
    name: 'floor',
    open: () => IdbFloor.open(`bench-floor-${Date.now()}-${opened++}`),
    parts: FLOOR,
  },
];

async function seed(t, db, docs) {
  for (let i = 0; i < docs.length; i += 1000) {
    const rows = await t.parts.bulk(db, docs.slice(i, i + 1000));
    if (rows.some((r) => r.error)) throw new Error('seeding failed');
  }
}

/** Databases a setup opened beside a target's own (a replication target), destroyed with it. */
const siblings = new Map();

async function destroyDb(db) {
  for (const sibling of siblings.get(db) ?? []) await sibling.destroy();
  siblings.delete(db);
  await db.destroy();
}

async function prepareDb(workload, t, sizes, input) {
  const db = await t.open();
  if (workload.seedDocs) await seed(t, db, workload.seedDocs(sizes));
  const openSibling = async () => {
    const sibling = await t.open();
    siblings.set(db, [...(siblings.get(db) ?? []), sibling]);
    return sibling;
  };
  await t.parts.setup(workload)?.(db, input, sizes, { openSibling });
  return db;
}

/** The pause between two targets' timed parts, for the browser to finish what the last began. */
const SETTLE_MS = 50;

/** A copy of `list` in an order drawn from `rand` (Fisher-Yates). */
function shuffled(list, rand) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Times one workload on every target, in a shuffled order each repetition (a rotation would
 * have each target always run right after the same other one, and pay for what that one
 * leaves behind: garbage, the browser deleting its database), with a pause after each: medians
 * in ms (`ms`) and
 * every repetition's time (`samples`, in the order run), by target. A page
 * may set `globalThis.onTimed(target, started)` to hear when each timed part starts and ends
 * (counts-page.mjs counts IndexedDB requests there).
 */
async function measure(workload, sizes) {
  const targets = allTargets.filter(
    (t) =>
      !workload.skipTargets?.includes(t.name) &&
      (!globalThis.onlyTarget || t.name === globalThis.onlyTarget),
  );
  const input = await workload.prepare(sizes);
  const samples = Object.fromEntries(targets.map((t) => [t.name, []]));
  const kept = new Map();
  if (!workload.fresh) {
    for (const t of targets) kept.set(t, await prepareDb(workload, t, sizes, input));
  }
  const rand = prng(7);
  for (let rep = 0; rep < sizes.reps; rep++) {
    const counts = new Map();
    const order = shuffled(targets, rand);
    for (let i = 0; i < targets.length; i++) {
      const t = order[i];
      const db = kept.get(t) ?? (await prepareDb(workload, t, sizes, input));
      globalThis.onTimed?.(t.name, true);
      const start = performance.now();
      counts.set(t.name, await t.parts.run(workload)(db, input, sizes));
      samples[t.name].push(performance.now() - start);
      globalThis.onTimed?.(t.name, false);
      if (workload.fresh) await destroyDb(db);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    }
    if (new Set(counts.values()).size !== 1) {
      throw new Error(`${workload.name}: targets disagree: ${JSON.stringify([...counts])}`);
    }
  }
  for (const db of kept.values()) await destroyDb(db);
  return {
    ms: Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, median(s)])),
    samples,
  };
}

/** Runs the selected workloads; reports each row through `onRow` as it completes. */
export async function runBench(sizes, filters, onRow) {
  const rows = [];
  for (const w of workloads) {
    if (filters.length > 0 && !filters.some((f) => w.name.includes(f))) continue;
    const row = { name: w.name, label: w.label(sizes), ...(await measure(w, sizes)) };
    rows.push(row);
    onRow?.(row);
  }
  return rows;
}

globalThis.runBench = runBench;
