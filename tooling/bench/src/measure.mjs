// Runs one workload against every target, repetitions interleaved, and returns medians.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Collects garbage left by the previous target so it is not billed to the next one. `full` (the
 * default) is a full collection: it also drops optimized code whose object shapes died, so each
 * timing includes the code's warm-up again (see the README); `minor` collects the young
 * generation only; `none` skips it.
 */
export function collect(kind) {
  if (!globalThis.gc || kind === 'none') return;
  if (kind === 'minor') globalThis.gc({ type: 'minor' });
  else globalThis.gc();
}

/** Databases a setup opened beside a target's own (a replication target), closed with it. */
const siblings = new Map();

/** Closes a target's database and the siblings its setup opened. */
export async function closeDb(target, db) {
  try {
    for (const sibling of siblings.get(db) ?? []) await target.close(sibling);
  } finally {
    siblings.delete(db);
    await target.close(db);
  }
}

/**
 * Opens a target's database in a new directory and runs the untimed seeding and setup. A setup
 * gets `openSibling()`: another database of the same target, closed when this one is.
 */
export async function prepareDb(workload, target, dir, sizes, input) {
  await rm(dir, { recursive: true, force: true });
  const db = await target.open(dir);
  if (workload.seedDocs) await target.seed(db, workload.seedDocs(sizes));
  let n = 0;
  const openSibling = async () => {
    const sibling = await target.open(`${dir}-sibling-${n++}`);
    siblings.set(db, [...(siblings.get(db) ?? []), sibling]);
    return sibling;
  };
  if (workload.setup) await workload.setup[target.kind](db, input, sizes, { openSibling });
  return db;
}

/**
 * Times `workload` on each target. Repetition r runs the targets in an order rotated by r, so
 * no target always goes first (cold caches) or last (a heap full of the others' garbage).
 * Read-only workloads seed one database per target and repeat on it; writing ones (`fresh`)
 * get a new empty database every repetition.
 */
export async function measure(
  workload,
  targets,
  sizes,
  root,
  { gc = 'full', probe, reuse = false, warmup = 0 } = {},
) {
  // `reuse`: one database per target for every repetition, even for a writing workload (its
  // code then stays warm from one repetition to the next, as in a long-lived app).
  const fresh = workload.fresh && !reuse;
  const dirOf = (target, rep) => join(root, workload.name, `${target.store}-${target.name}-${rep}`);
  const dbs = new Map();
  const samples = Object.fromEntries(targets.map((t) => [t.name, []]));
  // What `probe` (`start()` before a timing, `stop(mark)` after) reports, per sample.
  const probed = Object.fromEntries(targets.map((t) => [t.name, []]));
  let count;
  await mkdir(join(root, workload.name), { recursive: true });
  // `prepare` may start something the whole workload shares (a server): `release` ends it.
  const input = await workload.prepare(sizes);
  try {
    if (!fresh) {
      for (const t of targets) dbs.set(t, await prepareDb(workload, t, dirOf(t, 0), sizes, input));
    }
    // Negative repetitions are the untimed warm-up ones.
    for (let rep = -warmup; rep < sizes.reps; rep++) {
      const counts = new Map();
      for (const target of rotation(targets, rep + warmup)) {
        if (fresh) {
          dbs.set(target, await prepareDb(workload, target, dirOf(target, rep), sizes, input));
        }
        collect(gc);
        const mark = probe?.start();
        const start = performance.now();
        counts.set(target.name, await workload[target.kind](dbs.get(target), input, sizes));
        const ms = performance.now() - start;
        const stopped = probe?.stop(mark);
        if (rep >= 0) samples[target.name].push(ms);
        if (probe && rep >= 0) probed[target.name].push(stopped);
        if (fresh) {
          await closeDb(target, dbs.get(target));
          dbs.delete(target);
        }
      }
      count = checkCounts(workload, counts);
    }
  } finally {
    try {
      for (const [target, db] of dbs) await closeDb(target, db);
    } finally {
      await workload.release?.(input);
    }
    // pouchdb leaves its view/index databases open after close: retry while they let go.
    await rm(join(root, workload.name), { recursive: true, force: true, maxRetries: 5 });
  }
  return summaries(samples, count, probe ? probed : undefined);
}

/** `list` in repetition `rep`'s order: rotated by `rep`, so no target always goes first. */
export function rotation(list, rep) {
  return list.map((_, i) => list[(i + rep) % list.length]);
}

/** Each target's median, samples and result count (and its probe reports, if any). */
export function summaries(samples, count, probed) {
  return Object.fromEntries(
    Object.entries(samples).map(([name, ms]) => [
      name,
      { median: median(ms), samples: ms, count, ...(probed ? { probed: probed[name] } : {}) },
    ]),
  );
}

/**
 * Every target must have done the same amount of work, or its time means nothing; returns that
 * amount.
 */
export function checkCounts(workload, counts) {
  const distinct = new Set(counts.values());
  if (distinct.size !== 1) {
    throw new Error(
      `${workload.name}: targets disagree on the result: ${JSON.stringify([...counts])}`,
    );
  }
  return [...distinct][0];
}
