import { expect } from 'vitest';
import { type EngineCheck, record } from './check.js';

const area = 'lifecycle';

/** Opening, reopening and destroying a store. */
export const lifecycleChecks: EngineCheck[] = [
  {
    area,
    title: 'open() creates meta on a fresh store and returns a version',
    async run(h) {
      const { snapshot } = await h.open();
      expect(snapshot.meta).toMatchObject({ updateSeq: 0, docCount: 0 });
      expect(typeof snapshot.meta.uuid).toBe('string');
      expect(snapshot.meta.uuid.length).toBeGreaterThan(0);
      expect(['string', 'number']).toContain(typeof snapshot.version);
    },
  },
  {
    area,
    title: 'supports states every capability as a boolean',
    async run(h) {
      const { engine } = await h.open();
      for (const key of ['externalWrites', 'sortedScans', 'purge', 'persistent'] as const) {
        expect(typeof engine.supports[key], `supports.${key}`).toBe('boolean');
      }
    },
  },
  {
    area,
    title: 'each new store gets its own uuid',
    async run(h) {
      const [a, b] = [await h.open(), await h.open()];
      expect(a.snapshot.meta.uuid).not.toBe(b.snapshot.meta.uuid);
    },
  },
  {
    area,
    title: 'a store opened again has its data, meta and uuid, and takes commits',
    needs: ['persistent'],
    async run(h) {
      const { name, engine, snapshot } = await h.open();
      const meta = { ...snapshot.meta, updateSeq: 1, docCount: 1 };
      await engine.commit(
        { putDocs: [record('a')], putSeqs: [{ seq: 1, id: 'a' }], meta },
        snapshot.version,
      );
      await h.close(engine);
      const again = await h.open(name);
      expect(again.snapshot.meta).toEqual(meta);
      expect(await again.engine.getDocs(['a'])).toEqual([record('a')]);
      await again.engine.commit({ putDocs: [record('b', 2)] }, again.snapshot.version);
      expect((await again.engine.getDocs(['b']))[0]?.id).toBe('b');
    },
  },
  {
    area,
    title: 'destroy() removes every record: the name opens empty again',
    async run(h) {
      const { name, engine, snapshot } = await h.open();
      await engine.commit(
        {
          putDocs: [record('a')],
          putRevs: [{ id: 'a', rev: '1-a', body: { v: 1 } }],
          putSeqs: [{ seq: 1, id: 'a' }],
          putLocals: [{ id: '_local/x', rev: '0-1', body: {} }],
          putAttachments: [{ digest: 'md5-x', refs: ['a@1-a'], data: new Uint8Array([1]) }],
          meta: { ...snapshot.meta, updateSeq: 1, docCount: 1 },
        },
        snapshot.version,
      );
      await engine.destroy();
      const fresh = await h.open(name);
      expect(fresh.snapshot.meta).toMatchObject({ updateSeq: 0, docCount: 0 });
      expect(await fresh.engine.getDocs(['a'])).toEqual([undefined]);
      expect(await fresh.engine.getRevs([{ id: 'a', rev: '1-a' }])).toEqual([undefined]);
      expect(await fresh.engine.scanSeqs({})).toEqual([]);
      expect(await fresh.engine.getLocal('_local/x')).toBeUndefined();
      expect(await fresh.engine.getAttachment('md5-x')).toBeUndefined();
    },
  },
];
