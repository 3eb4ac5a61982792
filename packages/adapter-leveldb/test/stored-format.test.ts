import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine, EngineBatch, EngineMeta } from '@satchel/core';
import { ClassicLevel } from 'classic-level';
import fc from 'fast-check';
import { MemoryLevel } from 'memory-level';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LevelEngine } from '../src/leveldb-engine.js';
import { UNSUPPORTED_FORMAT } from '../src/stored-meta.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satchel-format-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every key and value of a store, as text, in key order. */
async function dump(db: MemoryLevel | ClassicLevel): Promise<[string, string][]> {
  // Both databases default to utf8 keys and values.
  const entries = await db.iterator().all();
  return entries.map(([k, v]) => [String(k), String(v)]);
}

async function commitNow(engine: Engine, batch: EngineBatch): Promise<void> {
  const { version } = await engine.reload();
  await engine.commit(batch, version);
}

const H1 = '1-aaaa';
const H2 = '2-bbbb';
const tree1 = [{ pos: 1, ids: ['aaaa', { status: 'available' }, []] as const }];
const tree2 = [
  {
    pos: 1,
    ids: ['aaaa', { status: 'available' }, [['bbbb', { status: 'available' }, []]]] as const,
  },
];

describe('stored format 2', () => {
  it('writes the keys and values the README documents', async () => {
    const db = new MemoryLevel();
    const engine = new LevelEngine(db);
    const { meta } = await engine.open();
    await commitNow(engine, {
      putDocs: [
        {
          id: 'a',
          rev_tree: structuredClone(tree1) as never,
          winningRev: H1,
          deleted: false,
          seq: 1,
        },
      ],
      putRevs: [{ id: 'a', rev: H1, body: { n: 1 } }],
      putSeqs: [{ seq: 1, id: 'a' }],
      meta: { ...meta, updateSeq: 1, docCount: 1 },
    });
    // One entry per document (its winning body inside), one by-seq entry marked with the
    // document count; the counts entry is as the store was created.
    expect(await dump(db)).toEqual([
      ['!d!a', `[1,"${H1}",0,[[1,"aaaa",0]]]\n{"n":1}`],
      ['!m!counts', '[0,0,0]'],
      ['!m!format', '2'],
      ['!m!uuid', meta.uuid],
      ['!s!0000000000000001', '"a"\n1'],
    ]);
    // An update: the old winner's body moves to the revision sublevel, the new one inline.
    await commitNow(engine, {
      putDocs: [
        {
          id: 'a',
          rev_tree: structuredClone(tree2) as never,
          winningRev: H2,
          deleted: false,
          seq: 2,
        },
      ],
      putRevs: [{ id: 'a', rev: H2, body: { n: 2 } }],
      putSeqs: [{ seq: 2, id: 'a' }],
      deleteSeqs: [1],
      meta: { ...meta, updateSeq: 2, docCount: 1 },
    });
    expect(await dump(db)).toEqual([
      ['!d!a', `[2,"${H2}",0,[[1,"aaaa",0,"bbbb",0]]]\n{"n":2}`],
      ['!m!counts', '[0,0,0]'],
      ['!m!format', '2'],
      ['!m!uuid', meta.uuid],
      [`!r!a\u0000${H1}`, '{"n":1}'],
      ['!s!0000000000000002', '"a"\n1'],
    ]);
    expect(
      await engine.getRevs([
        { id: 'a', rev: H1 },
        { id: 'a', rev: H2 },
      ]),
    ).toEqual([{ n: 1 }, { n: 2 }]);
    // Compacting the old revision deletes it; a winner deleted in place leaves no body.
    await commitNow(engine, {
      deleteRevs: [
        { id: 'a', rev: H1 },
        { id: 'a', rev: H2 },
      ],
    });
    expect(await dump(db)).toContainEqual(['!d!a', `[2,"${H2}",0,[[1,"aaaa",0,"bbbb",0]]]`]);
    expect((await dump(db)).some(([k]) => k.startsWith('!r!'))).toBe(false);
    await engine.close();
  });

  it.each([
    ['a newer format', { '!m!format': '3', '!m!counts': '[3,1,3]', '!m!uuid': 'u' }, '"3"'],
    ['the pre-release layout', { '!m!meta': '{"version":1}' }, 'pre-release'],
  ])('refuses %s with a clear error and changes nothing', async (_label, entries, named) => {
    for (const db of [new MemoryLevel(), new ClassicLevel(join(dir, `db-${named.length}`))]) {
      await db.open();
      for (const [k, v] of Object.entries(entries)) await db.put(k, v);
      await db.put('!d!x', 'opaque');
      const before = await dump(db);
      await db.close();
      const engine = new LevelEngine(db, { owned: true });
      const error = await engine.open().then(
        () => undefined,
        (err: unknown) => err as { code?: string; message: string; status?: number },
      );
      expect(error?.code).toBe(UNSUPPORTED_FORMAT);
      expect(error?.status).toBe(500);
      expect(error?.message).toContain(named);
      expect(error?.message).toContain('nothing in it was changed');
      await db.open();
      expect(await dump(db)).toEqual(before);
      await db.close();
    }
  });

  it('upgrades a format 1 store on open, keeping its data and meta', async () => {
    const db = new MemoryLevel();
    const v1: Record<string, string> = {
      '!m!format': '1',
      '!m!counts': '[2,1]',
      '!m!uuid': 'u1',
      '!d!a': `[2,"${H2}",0,[[1,"aaaa",0,"bbbb",0]]]\n{"n":2}`,
      [`!r!a\u0000${H1}`]: '{"n":1}',
      '!s!0000000000000002': 'a',
    };
    for (const [k, v] of Object.entries(v1)) await db.put(k, v);
    const engine = new LevelEngine(db);
    expect((await engine.open()).meta).toEqual({ updateSeq: 2, docCount: 1, uuid: 'u1' });
    // Format 2 reads format 1's values as they are: only the format and counts change.
    expect(await dump(db)).toEqual(
      Object.entries({ ...v1, '!m!format': '2', '!m!counts': '[2,1,2]' }).sort(([a], [b]) =>
        a < b ? -1 : 1,
      ),
    );
    expect(await engine.scanSeqs({})).toEqual([{ seq: 2, id: 'a' }]);
    expect(await engine.getRevs([{ id: 'a', rev: H1 }])).toEqual([{ n: 1 }]);
    await engine.close();
  });

  it('a batch putting one seq twice keeps its meta: the put the batch writes last is marked', async () => {
    const db = new MemoryLevel();
    const engine = new LevelEngine(db);
    const { meta } = await engine.open();
    await commitNow(engine, {
      putSeqs: [
        { seq: 40, id: 'a' },
        { seq: 40, id: 'b' },
      ],
      meta: { ...meta, updateSeq: 40, docCount: 0 },
    });
    expect((await engine.reload()).meta).toMatchObject({ updateSeq: 40, docCount: 0 });
    expect(await engine.scanSeqs({})).toEqual([{ seq: 40, id: 'b' }]);
  });

  it('finds the meta of the last commit on reopen, whichever way each commit recorded it', async () => {
    // A model of LocalAdapter's commits: writes of documents (new seqs, old ones deleted),
    // purges (a by-seq entry deleted, possibly the newest; or moved to a new seq), meta
    // alone, local documents alone.
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('write' as const),
        docs: fc.integer({ min: 1, max: 3 }),
        drop: fc.integer({ min: 0, max: 2 }),
        delta: fc.integer({ min: -2, max: 3 }),
      }),
      fc.record({
        kind: fc.constant('purge' as const),
        newest: fc.boolean(),
        keep: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('meta' as const), delta: fc.integer({ min: 0, max: 2 }) }),
      fc.record({ kind: fc.constant('local' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 12 }), async (steps) => {
        const db = new MemoryLevel();
        const engine = new LevelEngine(db);
        let meta: EngineMeta = (await engine.open()).meta;
        let seqs: number[] = [];
        for (const s of steps) {
          const batch: EngineBatch = {};
          const next = { ...meta };
          if (s.kind === 'write') {
            batch.deleteSeqs = seqs.slice(0, s.drop);
            seqs = seqs.slice(s.drop);
            batch.putSeqs = [];
            for (let i = 0; i < s.docs; i++) {
              next.updateSeq += 1;
              batch.putSeqs.push({ seq: next.updateSeq, id: `d${next.updateSeq}` });
              seqs.push(next.updateSeq);
            }
            next.docCount = Math.max(0, next.docCount + s.delta);
          } else if (s.kind === 'purge') {
            if (seqs.length === 0) continue;
            const gone = s.newest ? seqs.pop()! : seqs.shift()!;
            batch.deleteSeqs = [gone];
            if (s.keep) {
              next.updateSeq += 1;
              batch.putSeqs = [{ seq: next.updateSeq, id: `d${gone}` }];
              seqs.push(next.updateSeq);
            } else next.docCount = Math.max(0, next.docCount - 1);
          } else if (s.kind === 'meta') {
            next.docCount += s.delta;
          } else batch.putLocals = [{ id: '_local/x', rev: '0-1', body: {} }];
          if (s.kind !== 'local') batch.meta = next;
          meta = next;
          await commitNow(engine, batch);
          expect((await engine.reload()).meta).toEqual(meta);
        }
        await engine.close();
        const again = new LevelEngine(db);
        expect((await again.open()).meta).toEqual(meta);
        await again.close();
      }),
      { numRuns: 200 },
    );
  });
});
