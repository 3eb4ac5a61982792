import { expect } from 'vitest';
import { type EngineCheck, record, sleep } from './check.js';

/** Waits until `done()` holds, checking every few ms, for at most `timeout` ms. */
async function waitFor(done: () => boolean, timeout: number): Promise<boolean> {
  const until = Date.now() + timeout;
  while (!done() && Date.now() < until) await sleep(5);
  return done();
}

/** `watch`: other engines' commits are reported; nothing after unsubscribing. */
export const watchChecks: EngineCheck[] = [
  {
    area: 'watch',
    title: "watch reports another engine's commit, and stops after unwatch",
    needs: ['externalWrites', 'watch'],
    async run(h) {
      const timeout = h.options.watchTimeout ?? 2000;
      const a = await h.open();
      const b = await h.open(a.name);
      let calls = 0;
      const unwatch = a.engine.watch?.(() => {
        calls++;
      });
      expect(typeof unwatch).toBe('function');
      const v = await b.engine.commit({ putDocs: [record('x')] }, b.snapshot.version);
      expect(await waitFor(() => calls > 0, timeout), `no report within ${timeout} ms`).toBe(true);
      // What the report is for: a reload now sees the other engine's write.
      const fresh = await a.engine.reload();
      expect(fresh.version).not.toEqual(a.snapshot.version);
      expect((await a.engine.getDocs(['x']))[0]?.id).toBe('x');
      unwatch?.();
      const before = calls;
      await b.engine.commit({ putDocs: [record('y')] }, v);
      await sleep(Math.min(timeout, 300));
      expect(calls).toBe(before);
    },
  },
];
