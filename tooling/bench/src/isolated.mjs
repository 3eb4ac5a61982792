// Runs each target in a process of its own (target-process.mjs), repetitions still
// interleaved in time: repetition r asks the targets in an order rotated by r, one at a time,
// so a busy machine slows every column alike, as in one process. What isolation removes is
// the targets acting on each other through one heap: the floor and Satchel's LevelDB engine
// run the same abstract-level code, whose compiled form each would make polymorphic and drop
// in turn, and a full collection before one target's timing would drop the compiled code of
// another target whose databases were all closed at that moment. No app runs three database
// libraries side by side; each column is now what that library does alone.
import { fork } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { checkCounts, rotation, summaries } from './measure.mjs';

const script = new URL('./target-process.mjs', import.meta.url);

/** A target's process: `call(op, args)` asks it one thing and resolves with its answer. */
class TargetProcess {
  static async start(target) {
    const child = fork(script, [target.name, target.store], {
      serialization: 'advanced', // Buffers in workload inputs arrive as Buffers
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const handle = new TargetProcess(target, child);
    await new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`${target.name} exited (${code})`)));
    });
    return handle;
  }

  constructor(target, child) {
    this.target = target;
    this.child = child;
    this.nextId = 0;
    this.pending = new Map();
    child.on('message', ({ id, ok, value, error }) => {
      if (id === undefined) return; // the ready message, awaited in `start`
      const call = this.pending.get(id);
      this.pending.delete(id);
      if (ok) call?.resolve(value);
      else call?.reject(new Error(`${target.name} (${target.store}): ${error}`));
    });
    child.on('exit', (code) => {
      for (const call of this.pending.values()) call.reject(new Error(`exited (${code})`));
      this.pending.clear();
    });
  }

  call(op, args = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, op, ...args });
    });
  }

  stop() {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', resolve);
      this.child.kill();
    });
  }
}

/** The processes of a run, one per target and store, started when first needed. */
export class TargetProcesses {
  constructor() {
    this.byKey = new Map();
  }

  async of(target) {
    const key = `${target.name}/${target.store}`;
    if (!this.byKey.has(key)) this.byKey.set(key, TargetProcess.start(target));
    return this.byKey.get(key);
  }

  async stopAll() {
    const all = await Promise.allSettled(this.byKey.values());
    await Promise.all(all.filter((p) => p.status === 'fulfilled').map((p) => p.value.stop()));
    this.byKey.clear();
  }
}

/**
 * `measure` (measure.mjs) with each target in its own process: the same repetitions, order and
 * collections, and the same result. The input is prepared once here and sent to every target,
 * so all of them work on the same data.
 */
export async function measureIsolated(
  workload,
  targets,
  sizes,
  root,
  processes,
  { gc = 'full', warmup = 0 },
) {
  const input = await workload.prepare(sizes);
  const handles = await Promise.all(targets.map((t) => processes.of(t)));
  const samples = Object.fromEntries(targets.map((t) => [t.name, []]));
  const dirOf = (t) => join(root, workload.name, `${t.store}-${t.name}`);
  let count;
  await mkdir(join(root, workload.name), { recursive: true });
  try {
    for (const h of handles) {
      const dir = dirOf(h.target);
      await mkdir(dir, { recursive: true });
      await h.call('begin', {
        workload: workload.name,
        input,
        sizes,
        dir,
        gc,
        fresh: workload.fresh,
      });
    }
    // Negative repetitions are the untimed warm-up ones.
    for (let rep = -warmup; rep < sizes.reps; rep++) {
      const counts = new Map();
      for (const h of rotation(handles, rep + warmup)) {
        const { ms, count: n } = await h.call('rep', { rep: rep + warmup });
        if (rep >= 0) samples[h.target.name].push(ms);
        counts.set(h.target.name, n);
      }
      count = checkCounts(workload, counts);
    }
  } finally {
    await Promise.allSettled(handles.map((h) => h.call('end')));
    await workload.release?.(input);
    await rm(join(root, workload.name), { recursive: true, force: true, maxRetries: 5 });
  }
  return summaries(samples, count);
}
