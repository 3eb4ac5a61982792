// Where a workload's time goes, per operation, in numbers a loaded machine skews far less than
// wall time: CPU of the main thread, of V8's helper threads (optimizing compiler, concurrent
// GC) and of the I/O threads (libuv's pool running classic-level's batches, LevelDB's
// compaction), for Satchel, pouchdb@9 and the floor, run exactly as the bench runs them
// (same workloads, interleaved repetitions, fresh databases).
//   node --expose-gc src/write-cpu.mjs [--store S] [--reps N] [--gc full|minor|none] [--reuse]
//        workload...
// `--reuse` keeps one database per target for all repetitions (warm code, as a long-lived app
// has it) instead of a fresh one each time.
// Compare `--gc full` (the bench's default) with `--gc minor`: the difference is the warm-up
// of optimized code a full collection makes every repetition pay again (see the README). Add
// `--no-concurrent-recompilation` to node to move the compiler's work onto the main thread.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from './args.mjs';
import { measure, median } from './measure.mjs';
import { FULL, QUICK } from './sizes.mjs';
import { targetsFor } from './targets.mjs';
import { cpuMark, cpuSince, findThreads } from './thread-cpu.mjs';
import { workloads } from './workloads/index.mjs';

if (!(await findThreads())) {
  console.error('write-cpu needs Linux (/proc/self/task/*/schedstat)');
  process.exit(2);
}
// `--reuse`: one database per target for all repetitions (see `measure`).
const argv = process.argv.slice(2);
const reuse = argv.includes('--reuse');
const args = parseArgs(argv.filter((a) => a !== '--reuse'));
const sizes = { ...(args.quick ? QUICK : FULL), reps: args.reps ?? 5 };
const store = args.stores[0] ?? 'leveldb';
const picked = workloads.filter((w) => args.filters.includes(w.name));
if (picked.length === 0) {
  console.error(`name workloads exactly, e.g. basic-inserts; see run.mjs --list`);
  process.exit(2);
}
const unsupported = picked.find((w) => w.setup);
if (unsupported) {
  console.error(`${unsupported.name} has a setup step; write-cpu runs only simple workloads`);
  process.exit(2);
}

const probe = { start: cpuMark, stop: cpuSince };
const targets = targetsFor(store).filter(
  (t) => args.only.length === 0 || args.only.includes(t.name),
);
const root = await mkdtemp(join(tmpdir(), 'satchel-write-cpu-'));
const us = (ms, count) => ((ms * 1000) / count).toFixed(1).padStart(8);
try {
  console.log(
    `${store}, ${sizes.reps} reps, gc ${args.gc}${reuse ? ', one database per target' : ''}; ` +
      'medians in µs per operation (a doc written ' +
      'or read); main wait: the main thread ready but without a CPU (the load)\n',
  );
  console.log(
    `${'workload'.padEnd(26)}${'target'.padEnd(9)}${'wall'.padStart(8)}${'main'.padStart(8)}` +
      `${'helpers'.padStart(8)}${'io'.padStart(8)}${'wait'.padStart(8)}`,
  );
  for (const w of picked) {
    const result = await measure(w, targets, sizes, root, { gc: args.gc, probe, reuse });
    for (const t of targets) {
      const { median: wall, count, probed } = result[t.name];
      const m = (key) => median(probed.map((p) => p[key]));
      console.log(
        `${w.name.padEnd(26)}${t.name.padEnd(9)}${us(wall, count)}${us(m('main'), count)}` +
          `${us(m('helpers'), count)}${us(m('io'), count)}${us(m('mainWait'), count)}`,
      );
    }
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
