// Entry point: `node --expose-gc src/run.mjs [--quick] [--reps N] [filter…]`.
// Imports the BUILT @satchel/node (dist), so build first: `pnpm bench` at the root does.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from './args.mjs';
import { measure } from './measure.mjs';
import { FULL, QUICK } from './sizes.mjs';
import { formatTable, geomean, row } from './table.mjs';
import { targets } from './targets.mjs';
import { workloads } from './workloads/index.mjs';

const args = parseArgs(process.argv.slice(2));
if (args.list) {
  for (const w of workloads) console.log(w.name);
  process.exit(0);
}
const sizes = { ...(args.quick ? QUICK : FULL), ...(args.reps ? { reps: args.reps } : {}) };
// A filter naming a workload exactly picks just it (`alldocs`, not also `alldocs-keys`);
// any other filter picks every workload whose name contains it (`attachments`).
const names = new Set(workloads.map((w) => w.name));
const picks = (f, name) => (names.has(f) ? name === f : name.includes(f));
const selected = workloads.filter(
  (w) => args.filters.length === 0 || args.filters.some((f) => picks(f, w.name)),
);
if (selected.length === 0) {
  console.error(`no workload matches ${args.filters.join(', ')}; try --list`);
  process.exit(2);
}
const running = targets.filter((t) => args.only.length === 0 || args.only.includes(t.name));
if (running.length === 0) {
  console.error(`--only names no target; the targets are ${targets.map((t) => t.name).join(', ')}`);
  process.exit(2);
}
if (!globalThis.gc) console.warn('warning: run with --expose-gc so each timing starts after a GC');

const root = await mkdtemp(join(tmpdir(), 'satchel-bench-'));
// Ctrl-C must not leave LevelDB directories behind in the temp dir.
process.once('SIGINT', async () => {
  await rm(root, { recursive: true, force: true });
  process.exit(130);
});

const rows = [];
const started = Date.now();
try {
  console.log(
    `satchel vs pouchdb@9 (leveldb) vs classic-level floor: ${sizes.reps} rep(s), median ms` +
      `${args.quick ? ' [quick]' : ''}\n`,
  );
  for (const w of selected) {
    const t0 = Date.now();
    const result = row(w.name, w.label(sizes), await measure(w, running, sizes, root));
    rows.push(result);
    console.log(
      `  ${w.name.padEnd(16)} ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s  ${result.description}`,
    );
  }
} finally {
  await rm(root, { recursive: true, force: true });
}

console.log(`\n${formatTable(rows)}\n`);
const summary = {
  pouchdbOverSatchel: geomean(rows.map((r) => r.pouchdbOverSatchel)),
  satchelOverFloor: geomean(rows.map((r) => r.satchelOverFloor)),
};
const x = (value) => (value === null ? '-' : `${value.toFixed(2)}x`);
console.log(
  `geometric mean: pouchdb/satchel ${x(summary.pouchdbOverSatchel)}, ` +
    `satchel/floor ${x(summary.satchelOverFloor)} ` +
    `(total ${((Date.now() - started) / 1000).toFixed(0)} s)`,
);

const out = new URL('../bench-results/', import.meta.url);
await mkdir(out, { recursive: true });
const report = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpu: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
  quick: args.quick,
  filters: args.filters,
  targets: running.map((t) => t.name),
  sizes,
  results: rows,
  geomean: summary,
};
await writeFile(new URL('latest.json', out), `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${new URL('latest.json', out).pathname}`);
