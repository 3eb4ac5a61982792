import { expect } from 'vitest';
import type { EngineCheck } from './check.js';

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

/** Attachment bytes by digest, revision bodies, local docs, and what `freshReads` promises. */
export const attachmentChecks: EngineCheck[] = [
  {
    area: 'attachments',
    title: 'bytes and records by digest: kept when re-referenced, removed together',
    async run(h) {
      const { engine, snapshot } = await h.open();
      let v = await engine.commit(
        {
          putAttachments: [
            { digest: 'md5-all', refs: ['a@1-a'], data: ALL_BYTES },
            { digest: 'md5-empty', refs: ['b@1-b'], data: new Uint8Array(0) },
          ],
        },
        snapshot.version,
      );
      expect(Array.from((await engine.getAttachment('md5-all')) ?? [])).toEqual(
        Array.from(ALL_BYTES),
      );
      expect((await engine.getAttachment('md5-empty'))?.length).toBe(0);
      expect(await engine.getAttachmentRecords(['md5-empty', 'md5-none', 'md5-all'])).toEqual([
        { digest: 'md5-empty', refs: ['b@1-b'] },
        undefined,
        { digest: 'md5-all', refs: ['a@1-a'] },
      ]);
      // A new reference rewrites the record only: the bytes stay.
      v = await engine.commit(
        { putAttachments: [{ digest: 'md5-all', refs: ['a@1-a', 'c@2-c'] }] },
        v,
      );
      expect(await engine.getAttachmentRecords(['md5-all'])).toEqual([
        { digest: 'md5-all', refs: ['a@1-a', 'c@2-c'] },
      ]);
      expect((await engine.getAttachment('md5-all'))?.length).toBe(256);
      await engine.commit({ deleteAttachments: ['md5-all', 'md5-never'] }, v);
      expect(await engine.getAttachment('md5-all')).toBeUndefined();
      expect(await engine.getAttachmentRecords(['md5-all'])).toEqual([undefined]);
      expect((await engine.getAttachment('md5-empty'))?.length).toBe(0);
    },
  },
  {
    area: 'records',
    title: 'revision bodies and local docs round-trip, deep and odd ones included',
    async run(h) {
      const { engine, snapshot } = await h.open();
      let deep: Record<string, unknown> = { leaf: true };
      for (let i = 0; i < 500; i++) deep = { d: deep };
      const odd = { s: '\u0000\ud83d\ude00\u2028"\\', n: -0.5, e: 1e21, a: [null, [], {}] };
      const v = await engine.commit(
        {
          putRevs: [
            { id: 'deep', rev: '1-a', body: deep },
            { id: 'odd', rev: '1-b', body: odd },
          ],
          putLocals: [{ id: '_local/odd', rev: '0-3', body: odd }],
        },
        snapshot.version,
      );
      expect(
        await engine.getRevs([
          { id: 'odd', rev: '1-b' },
          { id: 'odd', rev: '2-b' },
          { id: 'deep', rev: '1-a' },
        ]),
      ).toEqual([odd, undefined, deep]);
      expect(await engine.getLocal('_local/odd')).toEqual({
        id: '_local/odd',
        rev: '0-3',
        body: odd,
      });
      await engine.commit(
        { deleteRevs: [{ id: 'odd', rev: '1-b' }], deleteLocals: ['_local/odd'] },
        v,
      );
      expect(await engine.getRevs([{ id: 'odd', rev: '1-b' }])).toEqual([undefined]);
      expect(await engine.getLocal('_local/odd')).toBeUndefined();
    },
  },
  {
    area: 'records',
    title: 'with freshReads, callers may change what they read without changing the store',
    needs: ['freshReads'],
    async run(h) {
      const { engine, snapshot } = await h.open();
      await engine.commit(
        {
          putDocs: [{ id: 'a', rev_tree: [], winningRev: '1-a', deleted: false, seq: 1 }],
          putRevs: [{ id: 'a', rev: '1-a', body: { v: 1 } }],
        },
        snapshot.version,
      );
      const [doc] = await engine.getDocs(['a']);
      const [body] = await engine.getRevs([{ id: 'a', rev: '1-a' }]);
      if (doc) doc.seq = 99;
      if (body) body.v = 2;
      expect((await engine.getDocs(['a']))[0]?.seq).toBe(1);
      expect(await engine.getRevs([{ id: 'a', rev: '1-a' }])).toEqual([{ v: 1 }]);
    },
  },
  {
    area: 'records',
    title: 'with freshBodies, callers may change the bodies they read without changing the store',
    needs: ['freshBodies'],
    async run(h) {
      const { engine, snapshot } = await h.open();
      await engine.commit(
        { putRevs: [{ id: 'a', rev: '1-a', body: { v: 1, deep: { list: [1] } } }] },
        snapshot.version,
      );
      const [first] = await engine.getRevs([{ id: 'a', rev: '1-a' }]);
      const [second] = await engine.getRevs([{ id: 'a', rev: '1-a' }]);
      expect(first).not.toBe(second);
      if (first) {
        first.v = 2;
        (first.deep as { list: number[] }).list.push(2);
      }
      expect(await engine.getRevs([{ id: 'a', rev: '1-a' }])).toEqual([
        { v: 1, deep: { list: [1] } },
      ]);
    },
  },
];
