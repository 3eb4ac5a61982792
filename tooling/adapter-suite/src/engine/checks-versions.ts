import { isEngineConflict } from '@satchel/core/engine';
import { expect } from 'vitest';
import { type EngineCheck, record } from './check.js';

const area = 'versions';

/** The optimistic-concurrency token every commit is checked against and advances. */
export const versionChecks: EngineCheck[] = [
  {
    area,
    title: 'every commit returns a new version, a commit of _local docs only too',
    async run(h) {
      const { engine, snapshot } = await h.open();
      const seen = [snapshot.version];
      const v1 = await engine.commit({ putDocs: [record('a')] }, snapshot.version);
      expect(seen).not.toContain(v1);
      seen.push(v1);
      const v2 = await engine.commit(
        { putLocals: [{ id: '_local/checkpoint', rev: '0-1', body: { last_seq: 1 } }] },
        v1,
      );
      expect(seen).not.toContain(v2);
      seen.push(v2);
      const v3 = await engine.commit({ meta: { ...snapshot.meta, updateSeq: 7 } }, v2);
      expect(seen).not.toContain(v3);
      const reloaded = await engine.reload();
      expect(reloaded.version).toBe(v3);
      expect(reloaded.meta.updateSeq).toBe(7);
    },
  },
  {
    area,
    title: 'a commit at a stale version is refused with an engine conflict and applies nothing',
    async run(h) {
      const { engine, snapshot } = await h.open();
      const meta1 = { ...snapshot.meta, updateSeq: 1, docCount: 1 };
      const v1 = await engine.commit({ putDocs: [record('a')], meta: meta1 }, snapshot.version);
      const stale = {
        putDocs: [record('b', 2)],
        putLocals: [{ id: '_local/b', rev: '0-1', body: {} }],
        meta: { ...snapshot.meta, updateSeq: 2, docCount: 2 },
      };
      const err = await engine.commit(stale, snapshot.version).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, 'commit at a stale version must throw').toBeDefined();
      // Recognised by name/code, by this suite's own copy of core: what LocalAdapter does.
      expect(isEngineConflict(err), `not an engine conflict: ${String(err)}`).toBe(true);
      expect(await engine.getDocs(['b'])).toEqual([undefined]);
      expect(await engine.getLocal('_local/b')).toBeUndefined();
      const now = await engine.reload();
      expect(now).toEqual({ meta: meta1, version: v1 });
      await engine.commit(stale, now.version);
      expect((await engine.getDocs(['b']))[0]?.id).toBe('b');
    },
  },
];
