import { describe, expect, it } from 'vitest';
import { startPresetSession } from './preset-session.js';

// A browser that refuses IndexedDB, for real: a frame sandboxed without `allow-same-origin`
// has an opaque origin, and Chromium refuses it IndexedDB as private modes and storage
// policies do elsewhere (a `SecurityError` from the first call that touches a database). Every
// call must then fail with PouchDB's error saying why, and none may hang; the memory adapter
// still works there, for an app that chooses to fall back to it.

const outer = `<!doctype html><iframe sandbox="allow-scripts" src="/index.html"></iframe>`;

/** One call's answer: the error's PouchDB fields, or what it resolved to. */
type Outcome = { status?: number; name?: string; reason?: string; isError?: boolean } | unknown;

describe('IndexedDB refused by the browser (an opaque-origin frame)', () => {
  it('every call fails with indexed_db_went_bad naming the refusal; memory still works', async () => {
    const session = await startPresetSession({ files: { '/outer.html': { body: outer } } });
    try {
      const page = await session.open('/outer.html');
      const frame = page.frames().find((f) => f !== page.mainFrame());
      if (!frame) throw new Error('the sandboxed frame did not load');
      await frame.waitForFunction(() => typeof globalThis.Satchel === 'function');
      const origin = await frame.evaluate(() => globalThis.origin);
      expect(origin).toBe('null');

      const outcomes: Record<string, Outcome> = await frame.evaluate(async () => {
        const settle = async (call: () => Promise<unknown>): Promise<Outcome> => {
          const hung = new Promise((resolve) => setTimeout(() => resolve('hung 5 s'), 5_000));
          try {
            return await Promise.race([call(), hung]);
          } catch (e) {
            const { status, name, reason } = e as {
              status?: number;
              name?: string;
              reason?: string;
            };
            return { status, name, reason, isError: e instanceof Error };
          }
        };
        const out: Record<string, Outcome> = {};
        for (const adapter of ['indexeddb', 'idb', undefined]) {
          const db = new Satchel('refused', adapter ? { adapter } : {});
          const label = adapter ?? 'default';
          out[`${label} put`] = await settle(() => db.put({ _id: 'a' }));
          // The same object again: a failed open is not cached as a hang.
          out[`${label} get`] = await settle(() => db.get('a'));
          out[`${label} info`] = await settle(() => db.info());
          out[`${label} destroy`] = await settle(() => db.destroy());
        }
        const memory = new Satchel('fallback', { adapter: 'memory' });
        await memory.put({ _id: 'kept', v: 1 });
        out.memory = await memory.get('kept');
        return out;
      });

      const { memory, ...refusals } = outcomes;
      expect(memory).toMatchObject({ _id: 'kept', v: 1 });
      expect(Object.keys(refusals)).toHaveLength(12);
      for (const [call, outcome] of Object.entries(refusals)) {
        expect(outcome, call).toMatchObject({
          status: 500,
          name: 'indexed_db_went_bad',
          isError: true,
          reason: expect.stringMatching(/^SecurityError during open: .*IndexedDB is unavailable/),
        });
      }
    } finally {
      await session.stop();
    }
  });
});
