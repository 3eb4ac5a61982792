// CPU time of each thread of this process, from Linux's /proc/self/task/<tid>/schedstat
// (nanoseconds on a CPU, nanoseconds waiting for one). Unlike wall time it barely moves when
// other processes load the machine, so it says where a workload's time goes: the main thread
// (JavaScript, the synchronous part of native calls), V8's helper threads (optimizing compiler,
// concurrent GC), or the I/O threads (libuv's pool, where classic-level runs a batch; LevelDB's
// compaction thread).
//
// Threads are told apart by `findThreads`: libuv's pool threads are those that take the CPU while the
// pool hashes (pbkdf2 runs there); the other threads alive then are Node's startup helpers
// (V8's platform workers); any thread started later is I/O too (LevelDB's own).
import { pbkdf2 } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const MAIN = String(process.pid);

function readThreads() {
  const threads = new Map();
  let tids;
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return undefined; // not Linux
  }
  for (const tid of tids) {
    try {
      const [run, wait] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8')
        .split(' ')
        .map(Number);
      threads.set(tid, { run, wait });
    } catch {
      // the thread ended meanwhile
    }
  }
  return threads;
}

/** The pool's threads, found by keeping every one of them busy for a moment. */
async function poolThreads() {
  const before = readThreads();
  if (!before) return new Set();
  const size = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  const hash = promisify(pbkdf2);
  await Promise.all(
    Array.from({ length: size * 2 }, () => hash('x', 'salt', 100_000, 32, 'sha256')),
  );
  // The `size` threads that ran most meanwhile (V8's may have compiled a little meanwhile).
  const gains = [...readThreads()]
    .filter(([tid]) => tid !== MAIN)
    .map(([tid, t]) => [tid, t.run - (before.get(tid)?.run ?? 0)])
    .sort((a, b) => b[1] - a[1]);
  return new Set(gains.slice(0, size).map(([tid]) => tid));
}

let pool = new Set();
let helpers = new Set();

/**
 * Tells the threads apart; call it once the modules are loaded (V8's threads compile them
 * meanwhile). Resolves to whether per-thread CPU times can be read here (Linux only).
 */
export async function findThreads() {
  pool = await poolThreads();
  helpers = new Set([...(readThreads()?.keys() ?? [])].filter((t) => t !== MAIN && !pool.has(t)));
  return pool.size > 0;
}

/** A reading of every thread's times, to pass to {@link cpuSince}. */
export function cpuMark() {
  return readThreads();
}

/**
 * CPU time (ms) since `mark`: `main` and its run-queue wait `mainWait` (how long the main thread
 * was ready but had no CPU: the load's share), `helpers` (V8's threads), `io` (the rest).
 */
export function cpuSince(mark) {
  const now = readThreads();
  const out = { main: 0, mainWait: 0, helpers: 0, io: 0 };
  if (!mark || !now) return out;
  for (const [tid, t] of now) {
    const before = mark.get(tid) ?? { run: 0, wait: 0 };
    const run = (t.run - before.run) / 1e6;
    if (tid === MAIN) {
      out.main += run;
      out.mainWait += (t.wait - before.wait) / 1e6;
    } else if (helpers.has(tid)) out.helpers += run;
    else out.io += run;
  }
  return out;
}
