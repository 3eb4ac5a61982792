import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SERVE = fileURLToPath(new URL('./fixtures/serve.mjs', import.meta.url));
const CLIENTS = 50;
const WRITES = 200;
// 10,000 HTTP writes finish in seconds on an idle machine; a CI host running every
// package's tests at once has taken over a minute, so the budget is generous.
const LOAD_BUDGET_MS = 300_000;

/** Starts the built server in a child process over `dataDir`; resolves its URL. */
async function spawnServer(
  dataDir: string,
  port = 0,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [SERVE, dataDir, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, url };
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

/** One client: `count` sequential PUTs; records latencies and which ids got a 201. */
async function client(
  url: string,
  db: string,
  id: number,
  count: number,
  acked: string[],
  latencies: number[],
) {
  let errors = 0;
  for (let j = 0; j < count; j += 1) {
    const docId = `c${id}-w${j}`;
    const started = performance.now();
    try {
      const res = await fetch(`${url}/${db}/${docId}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ client: id, write: j, at: Date.now() }),
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      if (res.status === 201) acked.push(docId);
      else errors += 1;
    } catch {
      errors += 1;
      return errors + (count - j - 1);
    }
  }
  return errors;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'satchel-load-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('load on loopback (built server in its own process, LevelDB)', () => {
  it(
    `${CLIENTS} concurrent clients × ${WRITES} writes: 0 errors`,
    async () => {
      const { child, url } = await spawnServer(dataDir);
      try {
        await fetch(`${url}/load`, { method: 'PUT' });
        const acked: string[] = [];
        const latencies: number[] = [];
        const started = performance.now();
        const errors = await Promise.all(
          Array.from({ length: CLIENTS }, (_, i) =>
            client(url, 'load', i, WRITES, acked, latencies),
          ),
        );
        const seconds = (performance.now() - started) / 1000;
        const sorted = [...latencies].sort((a, b) => a - b);
        console.log(
          `load: ${acked.length} writes by ${CLIENTS} clients in ${seconds.toFixed(2)} s = ` +
            `${Math.round(acked.length / seconds)} writes/s; latency p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
            `p99 ${percentile(sorted, 99).toFixed(1)} ms`,
        );
        expect(errors.reduce((a, b) => a + b, 0)).toBe(0);
        expect(acked).toHaveLength(CLIENTS * WRITES);
        const info = (await (await fetch(`${url}/load`)).json()) as { doc_count: number };
        expect(info.doc_count).toBe(CLIENTS * WRITES);
      } finally {
        child.kill('SIGTERM');
        await stopped(child);
      }
    },
    LOAD_BUDGET_MS,
  );

  it(
    'SIGKILL mid-load, restart: every write that got a 201 is there',
    async () => {
      const first = await spawnServer(dataDir);
      await fetch(`${first.url}/crash`, { method: 'PUT' });
      const acked: string[] = [];
      const running = Promise.all(
        Array.from({ length: CLIENTS }, (_, i) => client(first.url, 'crash', i, WRITES, acked, [])),
      );
      // Kill once a good part of the load is in, while writes are still in flight.
      while (acked.length < 2000) await new Promise((r) => setTimeout(r, 10));
      first.child.kill('SIGKILL');
      await stopped(first.child);
      await running;
      expect(acked.length).toBeLessThan(CLIENTS * WRITES);
      const second = await spawnServer(dataDir);
      try {
        const res = await fetch(`${second.url}/crash/_all_docs`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ keys: acked }),
        });
        const rows = ((await res.json()) as { rows: { id?: string; error?: string }[] }).rows;
        const missing = rows.filter((row) => row.error !== undefined);
        console.log(
          `crash: ${acked.length} writes acknowledged before SIGKILL; ${missing.length} missing after restart`,
        );
        expect(missing).toEqual([]);
      } finally {
        second.child.kill('SIGTERM');
        await stopped(second.child);
      }
    },
    LOAD_BUDGET_MS,
  );
});
