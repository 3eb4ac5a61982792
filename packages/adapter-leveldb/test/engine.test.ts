import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codePointOrder, EngineModel } from '@satchel/adapter-suite';
import {
  type DocRecord,
  type Engine,
  type EngineBatch,
  type EngineVersion,
  type IdRange,
  type SeqRange,
  stringifyIteratively,
} from '@satchel/core';
import { ClassicLevel } from 'classic-level';
import fc from 'fast-check';
import { MemoryLevel } from 'memory-level';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeText,
  encodeText,
  keyBytes,
  parseRevKey,
  parseSeqKey,
  revKey,
  seqKey,
  textKey,
} from '../src/key-codec.js';
import { compareBytes } from '../src/key-range.js';
import { isLevelDatabase, type LevelDatabase } from '../src/level-stores.js';
import { LevelEngine } from '../src/leveldb-engine.js';

/** Commits at the store's current version: these tests have a single writer. */
async function commitNow(engine: Engine, batch: EngineBatch): Promise<EngineVersion> {
  const { version } = await engine.reload();
  return engine.commit(batch, version);
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satchel-engine-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let dbCounter = 0;
/** The two stores every engine test runs on. */
const backends: [string, () => LevelDatabase][] = [
  ['memory-level', () => new MemoryLevel()],
  ['classic-level', () => new ClassicLevel(join(dir, `db-${++dbCounter}`))],
];

async function opened(db: LevelDatabase): Promise<LevelEngine> {
  const engine = new LevelEngine(db, { owned: true });
  (await engine.open()).meta;
  return engine;
}

function record(id: string, seq = 1, winningRev = '1-a'): DocRecord {
  return { id, rev_tree: [], winningRev, deleted: false, seq };
}

/** Units chosen to break naive encodings: separators, escapes, surrogates, order edge cases. */
const trickyUnit = fc.constantFrom(
  'a',
  'b',
  '!',
  '\u0000',
  '\u0001',
  '\u0002',
  '\u00ff',
  '\u00e9',
  '\ud800',
  '\udc00',
  '\ud83d\ude00',
  '\u{10000}',
  '\ue000',
  '\uffff',
  '\ufffd',
);
const idArb = fc.string({ unit: trickyUnit, maxLength: 3 });
/** Any UTF-16 string, lone surrogates included. */
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u{10000}', '\u{1f600}', '\u{10ffff}'),
  trickyUnit,
);
const anyString = fc.string({ unit: anyUnit, maxLength: 8 });

describe('key codec', () => {
  it('writes well-formed strings as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(Buffer.from(encodeText(s)).equals(Buffer.from(s, 'utf8'))).toBe(true);
      }),
    );
  });

  it('round-trips every string, lone surrogates included', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(decodeText(encodeText(s))).toBe(s);
        // A key is the string itself when the database can write it as UTF-8.
        const key = textKey(s);
        expect(typeof key === 'string' ? key : decodeText(key)).toBe(s);
        expect(typeof key === 'string').toBe(!/[\ud800-\udfff]/u.test(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('orders keys by code point, as the Engine contract and PouchDB on LevelDB do', () => {
    fc.assert(
      fc.property(anyString, anyString, (a, b) => {
        expect(Math.sign(compareBytes(encodeText(a), encodeText(b)))).toBe(
          Math.sign(codePointOrder(a, b)),
        );
      }),
      { numRuns: 5000 },
    );
    // Where code-point order and JavaScript's `<` disagree:
    expect('\u{10000}' < '\uffff').toBe(true);
    expect(compareBytes(encodeText('\u{10000}'), encodeText('\uffff'))).toBeGreaterThan(0);
  });

  it('gives distinct (id, rev) pairs distinct revision keys, and parses them back', () => {
    fc.assert(
      fc.property(anyString, anyString, anyString, anyString, (id1, rev1, id2, rev2) => {
        const a = revKey(id1, rev1);
        const b = revKey(id2, rev2);
        expect(compareBytes(keyBytes(a), keyBytes(b)) === 0).toBe(id1 === id2 && rev1 === rev2);
        expect(parseRevKey(a)).toEqual({ id: id1, rev: rev1 });
      }),
      { numRuns: 3000 },
    );
    // The separator inside an id cannot forge another pair's key.
    expect(revKey('a\u0000b', 'c')).not.toEqual(revKey('a', 'b\u0000c'));
  });

  it('orders seq keys numerically up to MAX_SAFE_INTEGER', () => {
    const seqArb = fc.oneof(
      fc.nat(1000),
      fc.maxSafeNat(),
      fc.constant(2 ** 32),
      fc.constant(2 ** 32 - 1),
    );
    fc.assert(
      fc.property(seqArb, seqArb, (a, b) => {
        expect(parseSeqKey(seqKey(a))).toBe(a);
        expect(Math.sign(compareBytes(encodeText(seqKey(a)), encodeText(seqKey(b))))).toBe(
          Math.sign(a - b),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('LevelDatabase', () => {
  it('accepts abstract-level databases whatever their default encodings (checked by tsc)', async () => {
    const dbs: LevelDatabase[] = [
      new MemoryLevel(),
      new MemoryLevel<string, Buffer>({ valueEncoding: 'buffer' }),
      new MemoryLevel<Uint8Array, string>({ keyEncoding: 'view' }),
      new MemoryLevel().sublevel('x'),
      new MemoryLevel().sublevel<Uint8Array, Buffer>('x', {
        keyEncoding: 'view',
        valueEncoding: 'buffer',
      }),
      new ClassicLevel(join(dir, 'typed'), { valueEncoding: 'json' }),
    ];
    for (const db of dbs) await db.close();
  });

  it('recognises abstract-level databases and sublevels only', () => {
    expect(isLevelDatabase(new MemoryLevel())).toBe(true);
    expect(isLevelDatabase(new MemoryLevel().sublevel('x'))).toBe(true);
    expect(isLevelDatabase({})).toBe(false);
    expect(isLevelDatabase('dir')).toBe(false);
  });
});

describe.each(backends)('LevelEngine on %s', (_label, create) => {
  it('keeps the iterator of its last scan, closed, so its class outlives the scan', async () => {
    const engine = await opened(create());
    const held = () =>
      (engine as unknown as { lastIterator?: { next(): Promise<unknown> } }).lastIterator;
    const closed = { code: 'LEVEL_ITERATOR_NOT_OPEN' };
    await commitNow(engine, { putDocs: [record('a')] });
    await engine.scanDocs({});
    const docsScan = held();
    await expect(docsScan!.next()).rejects.toMatchObject(closed);
    await engine.scanSeqs({});
    expect(held()).not.toBe(docsScan);
    await expect(held()!.next()).rejects.toMatchObject(closed);
    await engine.close();
  });

  it('creates meta on a fresh store and finds it again after reopening', async () => {
    const db = create();
    const engine = await opened(db);
    const first = (await engine.reload()).meta;
    expect(first).toMatchObject({ updateSeq: 0, docCount: 0 });
    expect(first.uuid).toMatch(/^[0-9a-f-]{36}$/);
    await commitNow(engine, {
      putDocs: [record('a')],
      meta: { ...first, updateSeq: 1, docCount: 1 },
    });
    await engine.close();
    expect(db.status).toBe('closed');
    const again = await opened(db);
    expect((await again.reload()).meta).toEqual({ ...first, updateSeq: 1, docCount: 1 });
    expect(await again.getDocs(['a'])).toEqual([record('a')]);
    await again.close();
  });

  it('keeps meta when a batch carries none', async () => {
    const engine = await opened(create());
    const meta = { updateSeq: 3, docCount: 2, uuid: 'u' };
    await commitNow(engine, { meta });
    await commitNow(engine, { putLocals: [{ id: '_local/x', rev: '0-1', body: {} }] });
    expect((await engine.reload()).meta).toEqual(meta);
    await engine.close();
  });

  it.each([
    ['few', 20],
    ['many (one getMany)', 300],
  ])(
    'answers getDocs/getRevs in the order asked, undefined where absent: %s keys',
    async (_n, count) => {
      const engine = await opened(create());
      // Some ids hold lone surrogates, so their keys are binary among text ones.
      const ids = Array.from({ length: count }, (_, i) =>
        i % 7 === 3 ? `doc-\ud800${i}` : `doc-${i}`,
      );
      await commitNow(engine, {
        putDocs: ids.map((id, i) => record(id, i + 1)),
        putRevs: ids.map((id) => ({ id, rev: '1-a', body: { id } })),
      });
      const asked = [...ids, 'missing'].reverse();
      const docs = await engine.getDocs(asked);
      expect(docs.map((d) => d?.id)).toEqual(
        asked.map((id) => (id === 'missing' ? undefined : id)),
      );
      const bodies = await engine.getRevs(asked.map((id) => ({ id, rev: '1-a' })));
      expect(bodies.map((b) => b?.id)).toEqual(
        asked.map((id) => (id === 'missing' ? undefined : id)),
      );
      expect(await engine.getDocs([])).toEqual([]);
      expect(await engine.getRevs([{ id: 'doc-1', rev: '2-b' }])).toEqual([undefined]);
      await engine.close();
    },
  );

  it('stores local docs, attachment records and attachment bytes', async () => {
    const engine = await opened(create());
    const local = { id: '_local/\ud800x', rev: '0-1', body: { _id: '_local/\ud800x', n: 1 } };
    const bytes = Uint8Array.from([0, 1, 2, 255]);
    await commitNow(engine, {
      putLocals: [local],
      putAttachments: [{ digest: 'md5-abc', refs: ['a@1-x'], data: bytes }],
    });
    // A later reference updates the record and leaves the bytes alone.
    await commitNow(engine, { putAttachments: [{ digest: 'md5-abc', refs: ['a@1-x', 'b@1-y'] }] });
    expect(await engine.getAttachmentRecords(['md5-zzz', 'md5-abc'])).toEqual([
      undefined,
      { digest: 'md5-abc', refs: ['a@1-x', 'b@1-y'] },
    ]);
    expect(await engine.getLocal(local.id)).toEqual(local);
    expect(await engine.getLocal('_local/\udbffx')).toBeUndefined();
    expect(Array.from((await engine.getAttachment('md5-abc'))!)).toEqual([0, 1, 2, 255]);
    expect(await engine.getAttachment('md5-zzz')).toBeUndefined();
    await commitNow(engine, { deleteLocals: [local.id], deleteAttachments: ['md5-abc'] });
    expect(await engine.getLocal(local.id)).toBeUndefined();
    expect(await engine.getAttachment('md5-abc')).toBeUndefined();
    expect(await engine.getAttachmentRecords(['md5-abc'])).toEqual([undefined]);
    await engine.close();
  });

  it('stores and reads documents nested 10,000 levels deep', async () => {
    const engine = await opened(create());
    let body: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 10_000; i++) body = { child: body };
    expect(() => JSON.stringify(body)).toThrow(RangeError);
    await commitNow(engine, { putRevs: [{ id: 'deep', rev: '1-a', body }] });
    const [read] = await engine.getRevs([{ id: 'deep', rev: '1-a' }]);
    expect(stringifyIteratively(read)).toBe(stringifyIteratively(body));
    await engine.close();
  });

  it('matches a brute-force model over random batches and ranges', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(batchArb, { minLength: 1, maxLength: 6 }),
        fc.array(queryArb, { maxLength: 12 }),
        async (batches, queries) => {
          const engine = await opened(create());
          const model = new EngineModel();
          try {
            for (const random of batches) {
              const batch = model.valid(random);
              await commitNow(engine, batch);
              model.apply(batch);
              await checkQueries(engine, model, queries);
            }
          } finally {
            await engine.close();
          }
        },
      ),
      { numRuns: _label === 'memory-level' ? 150 : 25 },
    );
  });

  it('destroy() removes its keys only, and leaves a database it does not own open', async () => {
    const db = new MemoryLevel();
    await db.put('unrelated', 'kept');
    const engine = new LevelEngine(db);
    (await engine.open()).meta;
    await commitNow(engine, {
      putDocs: [record('a')],
      putRevs: [{ id: 'a', rev: '1-a', body: {} }],
    });
    await engine.destroy();
    expect(db.status).toBe('open');
    expect(await db.get('unrelated')).toBe('kept');
    const keys = await db.keys().all();
    expect(keys).toEqual(['unrelated']);
    const fresh = new LevelEngine(db);
    expect((await fresh.open()).meta).toMatchObject({ updateSeq: 0, docCount: 0 });
    expect(await fresh.getDocs(['a'])).toEqual([undefined]);
    await fresh.close();
    expect(db.status).toBe('open');
  });
});

// ---- random batches and queries ---------------------------------------------------------

const revArb = fc.constantFrom('1-a', '2-b', '1-\u0000', '');
const bodyArb = fc.record({ n: fc.nat(100), s: idArb });
const recordArb: fc.Arbitrary<DocRecord> = fc.record({
  id: idArb,
  rev_tree: fc.constant([]),
  winningRev: revArb,
  deleted: fc.boolean(),
  seq: fc.nat(40),
});

const batchArb: fc.Arbitrary<EngineBatch> = fc
  .record({
    putDocs: fc.array(recordArb, { maxLength: 8 }),
    deleteDocs: fc.array(idArb, { maxLength: 3 }),
    putRevs: fc.array(fc.record({ id: idArb, rev: revArb, body: bodyArb }), { maxLength: 6 }),
    deleteRevs: fc.array(fc.record({ id: idArb, rev: revArb }), { maxLength: 3 }),
    putSeqs: fc.array(fc.record({ seq: fc.nat(40), id: idArb }), { maxLength: 6 }),
    deleteSeqs: fc.array(fc.nat(40), { maxLength: 3 }),
    putLocals: fc.array(
      idArb.map((id) => ({ id, rev: '0-1', body: { id } })),
      { maxLength: 3 },
    ),
    deleteLocals: fc.array(idArb, { maxLength: 2 }),
    putAttachments: fc.array(
      fc.record(
        {
          digest: fc.constantFrom('md5-a', 'md5-b', 'md5-c'),
          refs: fc.array(fc.constantFrom('a@1-a', 'b@2-b', '\ud800@1-a'), { maxLength: 3 }),
          data: fc.uint8Array({ maxLength: 8 }),
        },
        { requiredKeys: ['digest', 'refs'] },
      ),
      { maxLength: 2 },
    ),
    deleteAttachments: fc.array(fc.constantFrom('md5-a', 'md5-b', 'md5-c'), { maxLength: 2 }),
    meta: fc.record({ updateSeq: fc.nat(100), docCount: fc.nat(100), uuid: fc.constant('u') }),
  })
  .map(disjoint);

/** The contract: a key is never both put and deleted in one batch. */
function disjoint(b: Required<Omit<EngineBatch, 'newDocs'>>): EngineBatch {
  const put = <T>(xs: T[], key: (x: T) => string) => new Set(xs.map(key));
  const revKeyOf = (r: { id: string; rev: string }) => JSON.stringify([r.id, r.rev]);
  const docs = put(b.putDocs, (r) => r.id);
  const revs = put(b.putRevs, revKeyOf);
  const seqs = new Set(b.putSeqs.map((e) => e.seq));
  const locals = put(b.putLocals, (r) => r.id);
  const atts = put(b.putAttachments, (a) => a.digest);
  return {
    ...b,
    deleteDocs: b.deleteDocs.filter((id) => !docs.has(id)),
    deleteRevs: b.deleteRevs.filter((r) => !revs.has(revKeyOf(r))),
    deleteSeqs: b.deleteSeqs.filter((s) => !seqs.has(s)),
    deleteLocals: b.deleteLocals.filter((id) => !locals.has(id)),
    deleteAttachments: b.deleteAttachments.filter((d) => !atts.has(d)),
  };
}

type Query =
  | { kind: 'docs'; range: IdRange }
  | { kind: 'seqs'; range: SeqRange }
  | { kind: 'get'; ids: string[] };

const idRangeArb: fc.Arbitrary<IdRange> = fc.record(
  { gt: idArb, gte: idArb, lt: idArb, lte: idArb, reverse: fc.boolean(), limit: fc.nat(6) },
  { requiredKeys: [] },
);
const seqRangeArb: fc.Arbitrary<SeqRange> = fc.record(
  {
    since: fc.integer({ min: -1, max: 41 }),
    before: fc.integer({ min: 0, max: 42 }),
    reverse: fc.boolean(),
    limit: fc.nat(6),
  },
  { requiredKeys: [] },
);
const queryArb: fc.Arbitrary<Query> = fc.oneof(
  idRangeArb.map((range) => ({ kind: 'docs' as const, range })),
  seqRangeArb.map((range) => ({ kind: 'seqs' as const, range })),
  fc.array(idArb, { maxLength: 5 }).map((ids) => ({ kind: 'get' as const, ids })),
);

async function checkQueries(
  engine: LevelEngine,
  model: EngineModel,
  queries: Query[],
): Promise<void> {
  for (const q of queries) {
    if (q.kind === 'docs') expect(await engine.scanDocs(q.range)).toEqual(model.scanDocs(q.range));
    else if (q.kind === 'seqs')
      expect(await engine.scanSeqs(q.range)).toEqual(model.scanSeqs(q.range));
    else await checkGets(engine, model, q.ids);
  }
  expect(await engine.scanDocs({})).toEqual(model.scanDocs({}));
  expect(await engine.scanSeqs({})).toEqual(model.scanSeqs({}));
  for (const [key] of model.revs) {
    const [id, rev] = JSON.parse(key) as [string, string];
    expect(await engine.getRevs([{ id, rev }])).toEqual([model.getRev(id, rev)]);
  }
  for (const [id, local] of model.locals) expect(await engine.getLocal(id)).toEqual(local);
  for (const [digest, data] of model.attachments) {
    expect(Array.from((await engine.getAttachment(digest)) ?? [])).toEqual(Array.from(data));
  }
  const digests = ['md5-a', 'md5-b', 'md5-c'];
  expect(await engine.getAttachmentRecords(digests)).toEqual(
    digests.map((d) => model.attachmentRecords.get(d)),
  );
  for (const d of digests)
    if (!model.attachments.has(d)) expect(await engine.getAttachment(d)).toBeUndefined();
  expect((await engine.reload()).meta).toEqual(model.meta);
}

/** Point reads, present or absent (deleted keys included). */
async function checkGets(engine: LevelEngine, model: EngineModel, ids: string[]): Promise<void> {
  expect(await engine.getDocs(ids)).toEqual(ids.map((id) => model.docs.get(id)));
  const refs = ids.flatMap((id) => ['1-a', '1-\u0000'].map((rev) => ({ id, rev })));
  expect(await engine.getRevs(refs)).toEqual(refs.map((r) => model.getRev(r.id, r.rev)));
  for (const id of ids) expect(await engine.getLocal(id)).toEqual(model.locals.get(id));
}
