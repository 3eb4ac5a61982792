import { isEngineConflict, LocalAdapter } from '@satchel/core';
import { expect } from 'vitest';
import { type EngineCheck, record } from './check.js';

const area = 'writers';

/** Two engines on one store, as two tabs, processes or devices are. */
export const writerChecks: EngineCheck[] = [
  {
    area,
    title: 'a second engine is refused after the first commits, until it reloads',
    needs: ['externalWrites'],
    async run(h) {
      const a = await h.open();
      const b = await h.open(a.name);
      const metaA = { ...a.snapshot.meta, updateSeq: 1, docCount: 1 };
      const va = await a.engine.commit(
        { putDocs: [record('from-a')], meta: metaA },
        a.snapshot.version,
      );
      const err = await b.engine.commit({ putDocs: [record('from-b')] }, b.snapshot.version).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isEngineConflict(err), 'stale commit of engine B must be an engine conflict').toBe(
        true,
      );
      const fresh = await b.engine.reload();
      expect(fresh.version).not.toEqual(b.snapshot.version);
      expect(fresh.meta).toEqual(metaA);
      expect((await b.engine.getDocs(['from-a', 'from-b'])).map((r) => r?.id)).toEqual([
        'from-a',
        undefined,
      ]);
      await b.engine.commit({ putDocs: [record('from-b', 2)] }, fresh.version);
      // Now A is the stale one.
      const errA = await a.engine.commit({ putDocs: [record('late')] }, va).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isEngineConflict(errA)).toBe(true);
      await a.engine.reload();
      expect((await a.engine.getDocs(['from-b', 'late'])).map((r) => r?.id)).toEqual([
        'from-b',
        undefined,
      ]);
    },
  },
  {
    area,
    title: 'two LocalAdapters racing on one store lose no write',
    needs: ['externalWrites'],
    async run(h) {
      const a = await h.open();
      const b = await h.open(a.name);
      const adapters = [new LocalAdapter(a.engine), new LocalAdapter(b.engine)];
      await Promise.all(adapters.map((x) => x.ready()));
      const [first] = adapters;
      await first?.bulkDocs([{ _id: 'counter', n: 0 }], { new_edits: true });
      const writes = adapters.map(async (adapter, w) => {
        for (let i = 0; i < 20; i++) {
          const rows = await adapter.bulkDocs([{ _id: `w${w}-${i}` }], { new_edits: true });
          expect(rows[0]).toMatchObject({ ok: true });
        }
      });
      const bumps = adapters.map(async (adapter) => {
        for (let done = 0; done < 10; ) {
          const doc = (await adapter.get('counter', {})) as { _rev: string; n: number };
          const [row] = await adapter.bulkDocs([{ ...doc, n: doc.n + 1 }], { new_edits: true });
          if (row && 'ok' in row) done++;
          else expect(row).toMatchObject({ status: 409 });
        }
      });
      await Promise.all([...writes, ...bumps]);
      // An engine may report the other's last commit later (`watch` is asynchronous, a poller
      // may be slow): one more commit from each adapter is refused while it is stale, which
      // reloads it, so both read the final state without waiting on any timer.
      for (const [w, adapter] of adapters.entries()) {
        await adapter.bulkDocs([{ _id: `_local/caught-up-${w}` }], { new_edits: true });
      }
      for (const adapter of adapters) {
        const all = await adapter.allDocs({});
        expect(all.rows.map((r) => r.id).sort()).toEqual(
          [
            'counter',
            ...[0, 1].flatMap((w) => Array.from({ length: 20 }, (_, i) => `w${w}-${i}`)),
          ].sort(),
        );
        expect(await adapter.get('counter', {})).toMatchObject({ n: 20 });
        expect(await adapter.info()).toMatchObject({ doc_count: 41, update_seq: 61 });
      }
      await Promise.all(adapters.map((adapter) => adapter.close()));
    },
  },
];
