// One target on one store, in a Node process of its own (see isolated.mjs): it opens, seeds,
// times and closes that target's databases when the parent asks, one repetition at a time.
// Nothing else runs in this process, so no other target's objects, garbage or compiled code
// share its heap: what it measures is the target as an app that loads only it runs it.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeDb, collect, prepareDb } from './measure.mjs';
import { targetsFor } from './targets.mjs';
import { workloads } from './workloads/index.mjs';

const [targetName, store] = process.argv.slice(2);
const target = targetsFor(store).find((t) => t.name === targetName);
if (!target) throw new Error(`no target ${targetName} on ${store}`);

/** The workload being measured: its input, and its database when repetitions share one. */
let current;

const handlers = {
  async begin({ workload: name, input, sizes, dir, gc, fresh }) {
    const workload = workloads.find((w) => w.name === name);
    current = { workload, input, sizes, dir, gc, fresh, db: undefined };
    if (!fresh) current.db = await prepareDb(workload, target, join(dir, '0'), sizes, input);
  },
  async rep({ rep }) {
    const { workload, input, sizes, dir, gc, fresh } = current;
    if (fresh) current.db = await prepareDb(workload, target, join(dir, String(rep)), sizes, input);
    collect(gc);
    const start = performance.now();
    const count = await workload[target.kind](current.db, input, sizes);
    const ms = performance.now() - start;
    if (fresh) await closeAndForget();
    return { ms, count };
  },
  async end() {
    if (current?.db) await closeAndForget();
    current = undefined;
  },
};

async function closeAndForget() {
  const db = current.db;
  current.db = undefined;
  await closeDb(target, db);
}

process.on('message', async ({ id, op, ...args }) => {
  try {
    process.send({ id, ok: true, value: await handlers[op](args) });
  } catch (error) {
    process.send({ id, ok: false, error: String(error?.stack ?? error) });
  }
});
process.send({ ready: true });
