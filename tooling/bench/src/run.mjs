// Entry point: `node --expose-gc src/run.mjs [--quick] [--reps N] [--store S] [filter…]`.
// Imports the BUILT @satchel/node (dist), so build first: `pnpm bench` at the root does.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from './args.mjs';
import { measureIsolated, TargetProcesses } from './isolated.mjs';
import { measure } from './measure.mjs';
import { FULL, QUICK } from './sizes.mjs';
import { formatTable, row, storeSummary } from './table.mjs';
import { STORES, targetsFor } from './targets.mjs';
import { workloads } from './workloads/index.mjs';

const args = parseArgs(process.argv.slice(2));
if (args.list) {
  for (const w of workloads) console.log(w.name);
  process.exit(0);
}
const sizes = { ...(args.quick ? QUICK : FULL), ...(args.reps ? { reps: args.reps } : {}) };
// A filter naming a workload exactly picks just it (`attachments-get`, not also
// `attachments-get-inline`); any other filter picks every workload whose name contains it.
const names = new Set(workloads.map((w) => w.name));
const picks = (f, name) => (names.has(f) ? name === f : name.includes(f));
const selected = workloads.filter(
  (w) => args.filters.length === 0 || args.filters.some((f) => picks(f, w.name)),
);
if (selected.length === 0) {
  console.error(`no workload matches ${args.filters.join(', ')}; try --list`);
  process.exit(2);
}
const stores = args.stores.length > 0 ? args.stores : STORES;
const unknownStore = stores.find((s) => !STORES.includes(s));
if (unknownStore) {
  console.error(`unknown store ${unknownStore}; the stores are ${STORES.join(', ')}`);
  process.exit(2);
}
const targetNames = targetsFor(STORES[0]).map((t) => t.name);
if (args.only.some((name) => !targetNames.includes(name))) {
  console.error(`--only names no target; the targets are ${targetNames.join(', ')}`);
  process.exit(2);
}
const running = (store) =>
  targetsFor(store).filter((t) => args.only.length === 0 || args.only.includes(t.name));
if (!globalThis.gc) console.warn('warning: run with --expose-gc so each timing starts after a GC');

const root = await mkdtemp(join(tmpdir(), 'satchel-bench-'));
// Ctrl-C must not leave LevelDB directories behind in the temp dir.
process.once('SIGINT', async () => {
  await rm(root, { recursive: true, force: true });
  process.exit(130);
});

const rows = [];
const started = Date.now();
const processes = new TargetProcesses();
const opts = { gc: args.gc, warmup: args.warmup };
const measured = (w, store) =>
  args.isolate
    ? measureIsolated(w, running(store), sizes, root, processes, opts)
    : measure(w, running(store), sizes, root, opts);
try {
  console.log(
    `satchel vs pouchdb@9 vs the raw store (classic-level / memory-level) on ${stores.join(' and ')}: ` +
      `${sizes.reps} rep(s), median ms${args.quick ? ' [quick]' : ''}` +
      `${args.isolate ? ' [a process per target]' : ''}` +
      `${args.warmup ? ` [${args.warmup} untimed first]` : ''}` +
      `${args.gc === 'full' ? '' : ` [gc: ${args.gc}]`}\n`,
  );
  for (const w of selected) {
    for (const store of stores) {
      const t0 = Date.now();
      const result = row(w.name, store, w.label(sizes), await measured(w, store));
      rows.push(result);
      const took = ((Date.now() - t0) / 1000).toFixed(1).padStart(5);
      console.log(`  ${w.name.padEnd(30)} ${store.padEnd(8)}${took} s  ${result.description}`);
    }
  }
} finally {
  await processes.stopAll();
  await rm(root, { recursive: true, force: true });
}

console.log(`\n${formatTable(rows)}\n`);
const summaries = stores.map((store) => storeSummary(rows, store));
const x = (value) => (value === null || !Number.isFinite(value) ? '-' : `${value.toFixed(2)}x`);
for (const s of summaries) {
  console.log(
    `${s.store}: pouchdb/satchel geomean ${x(s.pouchdbOverSatchelGeomean)}, min ` +
      `${x(s.pouchdbOverSatchelMin)}; median x floor ${x(s.satchelOverFloorMedian)}; ` +
      `below 3x: ${s.belowThreeX.length === 0 ? 'none' : s.belowThreeX.join(', ')}`,
  );
}
console.log(`(total ${((Date.now() - started) / 1000).toFixed(0)} s)`);

const out = new URL('../bench-results/', import.meta.url);
await mkdir(out, { recursive: true });
const report = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpu: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
  quick: args.quick,
  gc: args.gc,
  isolation: args.isolate ? 'a process per target and store' : 'one process',
  warmup: args.warmup,
  filters: args.filters,
  stores,
  targets: targetNames.filter((n) => args.only.length === 0 || args.only.includes(n)),
  sizes,
  results: rows,
  summaries,
};
const file = args.out ?? 'latest.json';
await writeFile(new URL(file, out), `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${new URL(file, out).pathname}`);
