import type {
  DocRecord,
  Engine,
  EngineBatch,
  EngineMeta,
  EngineVersion,
  IdRange,
  SeqEntry,
  SeqRange,
} from '@satchel/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIds } from '../src/compare-ids.js';
import { MemoryData } from '../src/memory-data.js';
import { MemoryEngine } from '../src/memory-engine.js';
import { MemoryStores } from '../src/memory-store.js';

/** Commits at the store's current version: these tests have a single writer. */
async function commitNow(engine: Engine, batch: EngineBatch): Promise<EngineVersion> {
  const { version } = await engine.reload();
  return engine.commit(batch, version);
}

function record(id: string, seq = 1, winningRev = '1-a'): DocRecord {
  return { id, rev_tree: [], winningRev, deleted: false, seq };
}

function meta(updateSeq: number, docCount = 0): EngineMeta {
  return { updateSeq, docCount, uuid: 'u' };
}

async function opened(data = new MemoryData()): Promise<MemoryEngine> {
  const engine = new MemoryEngine(data);
  (await engine.open()).meta;
  return engine;
}

/** LevelDB's order, computed independently: compare the UTF-8 bytes. */
function utf8Order(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Ids from a small alphabet, so prefixes and equal ids are common, including the characters
 * where UTF-16 order and code-point order disagree (U+E000–U+FFFF against astral ones).
 */
const idArb = fc.string({
  unit: fc.constantFrom('a', 'b', 'z', '\u00e9', '\ue000', '\uffff', '\u{10000}', '\u{1f600}'),
  maxLength: 3,
});

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const idRangeArb: fc.Arbitrary<IdRange> = fc.record(
  { gt: idArb, gte: idArb, lt: idArb, lte: idArb, reverse: fc.boolean(), limit: fc.nat(12) },
  { requiredKeys: [] },
);

function modelScanDocs(model: Map<string, DocRecord>, range: IdRange): DocRecord[] {
  const inRange = (id: string): boolean =>
    (range.gt === undefined || utf8Order(id, range.gt) > 0) &&
    (range.gte === undefined || utf8Order(id, range.gte) >= 0) &&
    (range.lt === undefined || utf8Order(id, range.lt) < 0) &&
    (range.lte === undefined || utf8Order(id, range.lte) <= 0);
  const rows = [...model.values()]
    .filter((r) => inRange(r.id))
    .sort((a, b) => utf8Order(a.id, b.id));
  if (range.reverse) rows.reverse();
  return range.limit === undefined ? rows : rows.slice(0, range.limit);
}

describe('compareIds', () => {
  it('orders well-formed strings as LevelDB does (UTF-8 bytes = code points)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(compareIds(a, b))).toBe(Math.sign(utf8Order(a, b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('puts astral characters after U+E000–U+FFFF, unlike `<`', () => {
    expect('\u{10000}' < '\uffff').toBe(true);
    expect(compareIds('\u{10000}', '\uffff')).toBeGreaterThan(0);
    expect(compareIds('a', 'ab')).toBeLessThan(0);
    expect(compareIds('ab', 'ab')).toBe(0);
  });
});

describe('open / reload', () => {
  it('creates meta on a fresh store and keeps it afterwards', async () => {
    const data = new MemoryData();
    const engine = new MemoryEngine(data);
    const first = (await engine.open()).meta;
    expect(first).toMatchObject({ updateSeq: 0, docCount: 0 });
    expect(first.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect((await engine.open()).meta).toBe(first);
    expect((await engine.reload()).meta).toBe(first);
    expect((await new MemoryEngine(data).open()).meta).toBe(first);
  });

  it('gives each new database its own uuid', async () => {
    const a = (await new MemoryEngine().open()).meta;
    const b = (await new MemoryEngine().open()).meta;
    expect(a.uuid).not.toBe(b.uuid);
  });

  it('returns the meta of the last commit', async () => {
    const engine = await opened();
    const next = meta(3, 2);
    await commitNow(engine, { meta: next });
    expect((await engine.reload()).meta).toBe(next);
    await commitNow(engine, { putLocals: [{ id: '_local/x', rev: '0-1', body: {} }] });
    expect((await engine.reload()).meta).toBe(next);
  });
});

describe('getDocs', () => {
  it('answers in the order asked, undefined where absent, sharing stored records', async () => {
    const engine = await opened();
    const a = record('a');
    const b = record('b');
    await commitNow(engine, { putDocs: [a, b] });
    const got = await engine.getDocs(['b', 'missing', 'a', 'b']);
    expect(got).toEqual([b, undefined, a, b]);
    expect(got[0]).toBe(b);
    expect(await engine.getDocs([])).toEqual([]);
  });

  it('replaces and deletes records', async () => {
    const engine = await opened();
    await commitNow(engine, { putDocs: [record('a', 1), record('b', 2)] });
    const a2 = record('a', 3, '2-b');
    await commitNow(engine, { putDocs: [a2], deleteDocs: ['b', 'never'] });
    expect(await engine.getDocs(['a', 'b'])).toEqual([a2, undefined]);
    expect(await engine.scanDocs({})).toEqual([a2]);
  });

  it('keeps the last of several records for one id in a batch', async () => {
    const engine = await opened();
    const last = record('a', 2);
    await commitNow(engine, { putDocs: [record('a', 1), last] });
    expect(await engine.scanDocs({})).toEqual([last]);
    const again = record('a', 3);
    await commitNow(engine, { putDocs: [record('a', 9), again] });
    expect(await engine.scanDocs({})).toEqual([again]);
  });
});

describe('scanDocs', () => {
  it('handles each bound, reverse and limit', async () => {
    const engine = await opened();
    await commitNow(engine, { putDocs: ['a', 'b', 'c', 'd'].map((id) => record(id)) });
    const ids = async (range: IdRange) => (await engine.scanDocs(range)).map((r) => r.id);
    expect(await ids({})).toEqual(['a', 'b', 'c', 'd']);
    expect(await ids({ gt: 'a', lt: 'd' })).toEqual(['b', 'c']);
    expect(await ids({ gte: 'b', lte: 'c', reverse: true })).toEqual(['c', 'b']);
    expect(await ids({ gte: 'bb', reverse: true, limit: 1 })).toEqual(['d']);
    expect(await ids({ lt: 'c', reverse: true, limit: 5 })).toEqual(['b', 'a']);
    expect(await ids({ limit: 0 })).toEqual([]);
    expect(await ids({ gt: 'c', lt: 'b' })).toEqual([]);
    expect(await ids({ gte: 'b', gt: 'b' })).toEqual(['c', 'd']);
  });

  it('matches a brute-force model over random batches and ranges', async () => {
    const putArb = fc.array(idArb, { maxLength: 60 });
    const batchArb = fc.record({ puts: putArb, deletes: fc.array(idArb, { maxLength: 50 }) });
    await fc.assert(
      fc.asyncProperty(
        fc.array(batchArb, { maxLength: 6 }),
        fc.array(idRangeArb, { maxLength: 8 }),
        async (batches, ranges) => {
          const engine = await opened();
          const model = new Map<string, DocRecord>();
          let seq = 0;
          for (const { puts, deletes } of batches) {
            const putDocs = puts.map((id) => record(id, ++seq));
            const deleteDocs = deletes.filter((id) => !puts.includes(id));
            await commitNow(engine, { putDocs, deleteDocs });
            for (const id of deleteDocs) model.delete(id);
            for (const r of putDocs) model.set(r.id, r);
          }
          for (const range of [{}, ...ranges]) {
            expect(await engine.scanDocs(range)).toEqual(modelScanDocs(model, range));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('revision bodies', () => {
  it('stores, copies on read, and deletes bodies per id and rev', async () => {
    const data = new MemoryData();
    const engine = await opened(data);
    const body = { x: 1 };
    await commitNow(engine, {
      putRevs: [
        { id: 'a', rev: '1-a', body },
        { id: 'a', rev: '2-b', body: { x: 2 } },
        { id: 'b', rev: '1-a', body: { y: 1 } },
      ],
    });
    const got = await engine.getRevs([
      { id: 'a', rev: '1-a' },
      { id: 'a', rev: '9-z' },
      { id: 'z', rev: '1-a' },
      { id: 'b', rev: '1-a' },
    ]);
    expect(got).toEqual([body, undefined, undefined, { y: 1 }]);
    // Each read is a copy of its own (\`freshBodies\`): changing it changes nothing stored.
    expect(engine.freshBodies).toBe(true);
    expect(got[0]).not.toBe(body);
    (got[0] as { x: number }).x = 99;
    body.x = 98;
    expect(await engine.getRevs([{ id: 'a', rev: '1-a' }])).toEqual([{ x: 1 }]);
    await commitNow(engine, {
      deleteRevs: [
        { id: 'a', rev: '1-a' },
        { id: 'b', rev: '1-a' },
        { id: 'q', rev: '1-a' },
      ],
    });
    expect(
      await engine.getRevs([
        { id: 'a', rev: '1-a' },
        { id: 'a', rev: '2-b' },
      ]),
    ).toEqual([undefined, { x: 2 }]);
    // A document whose bodies are all gone leaves nothing behind.
    expect(data.revs.has('b')).toBe(false);
  });

  it("stores a body as the writer's JSON when given, and as JSON text otherwise", async () => {
    const data = new MemoryData();
    const engine = await opened(data);
    await commitNow(engine, {
      putRevs: [
        { id: 'a', rev: '1-a', body: { x: 1 }, json: '{"x":1}' },
        { id: 'b', rev: '1-a', body: { n: Number.NaN, d: undefined, list: [undefined] } },
      ],
    });
    expect(data.revs.get('a')?.get('1-a')).toBe('{"x":1}');
    // What JSON cannot hold reads back as JSON writes it, as from PouchDB's stores.
    expect(await engine.getRevs([{ id: 'b', rev: '1-a' }])).toEqual([{ n: null, list: [null] }]);
  });
});

describe('scanSeqs', () => {
  it('scans by since/before, reversed and limited', async () => {
    const engine = await opened();
    const entries: SeqEntry[] = [1, 2, 3, 4, 5].map((seq) => ({ seq, id: `d${seq}` }));
    await commitNow(engine, { putSeqs: entries });
    await commitNow(engine, { deleteSeqs: [3] });
    const seqs = async (range: SeqRange) => (await engine.scanSeqs(range)).map((e) => e.seq);
    expect(await seqs({})).toEqual([1, 2, 4, 5]);
    expect(await seqs({ since: 1 })).toEqual([2, 4, 5]);
    expect(await seqs({ since: 2, limit: 1 })).toEqual([4]);
    expect(await seqs({ reverse: true })).toEqual([5, 4, 2, 1]);
    expect(await seqs({ reverse: true, before: 5, limit: 2 })).toEqual([4, 2]);
    expect(await seqs({ since: 5 })).toEqual([]);
    expect(await seqs({ since: 0, before: 100 })).toEqual([1, 2, 4, 5]);
    expect((await engine.scanSeqs({ since: 3 }))[0]).toBe(entries[3]);
  });

  it('matches a brute-force model over random writes and deletions', async () => {
    // Each step appends new seqs, deletes some live ones, and sometimes rewrites an old seq.
    const stepArb = fc.record({
      appends: fc.nat(30),
      deletes: fc.array(fc.nat(200), { maxLength: 40 }),
      rewrite: opt(fc.nat(200)),
    });
    const rangeArb: fc.Arbitrary<SeqRange> = fc.record(
      {
        since: fc.integer({ min: -1, max: 220 }),
        before: fc.integer({ min: -1, max: 220 }),
        reverse: fc.boolean(),
        limit: fc.nat(15),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { maxLength: 10 }),
        fc.array(rangeArb, { maxLength: 8 }),
        async (steps, ranges) => {
          const engine = await opened();
          const model = new Map<number, string>();
          let seq = 0;
          for (const step of steps) {
            const putSeqs: SeqEntry[] = [];
            for (let i = 0; i < step.appends; i++) putSeqs.push({ seq: ++seq, id: `d${seq}` });
            if (step.rewrite !== undefined && step.rewrite < seq)
              putSeqs.push({ seq: step.rewrite, id: 'again' });
            const deleteSeqs = step.deletes.filter((s) => !putSeqs.some((e) => e.seq === s));
            await commitNow(engine, { putSeqs, deleteSeqs });
            for (const s of deleteSeqs) model.delete(s);
            for (const e of putSeqs) model.set(e.seq, e.id);
          }
          for (const range of [{}, ...ranges]) {
            let expected = [...model.entries()]
              .map(([s, id]) => ({ seq: s, id }))
              .filter(
                (e) =>
                  (range.since === undefined || e.seq > range.since) &&
                  (range.before === undefined || e.seq < range.before),
              )
              .sort((a, b) => a.seq - b.seq);
            if (range.reverse) expected.reverse();
            if (range.limit !== undefined) expected = expected.slice(0, range.limit);
            expect(await engine.scanSeqs(range)).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('compacts tombstones once more than half of the index is dead', async () => {
    const data = new MemoryData();
    const engine = await opened(data);
    const entries = Array.from({ length: 100 }, (_, i) => ({ seq: i + 1, id: `d${i + 1}` }));
    await commitNow(engine, { putSeqs: entries });
    await commitNow(engine, { deleteSeqs: entries.slice(0, 50).map((e) => e.seq) });
    expect(data.seqs.slots).toBe(100); // exactly half dead: kept as tombstones
    expect(data.seqs.size).toBe(50);
    await commitNow(engine, { deleteSeqs: [51] });
    expect(data.seqs.slots).toBe(49);
    expect((await engine.scanSeqs({})).map((e) => e.seq)).toEqual(
      entries.slice(51).map((e) => e.seq),
    );
  });

  it('moves a document to a new seq the way LocalAdapter does', async () => {
    const engine = await opened();
    await commitNow(engine, {
      putDocs: [record('a', 1)],
      putSeqs: [{ seq: 1, id: 'a' }],
      meta: meta(1, 1),
    });
    await commitNow(engine, {
      putDocs: [record('a', 2)],
      putSeqs: [{ seq: 2, id: 'a' }],
      deleteSeqs: [1],
      meta: meta(2, 1),
    });
    expect(await engine.scanSeqs({ since: 0 })).toEqual([{ seq: 2, id: 'a' }]);
  });
});

describe('local documents', () => {
  it('puts, replaces, and deletes', async () => {
    const engine = await opened();
    const one = { id: '_local/a', rev: '0-1', body: { n: 1 } };
    await commitNow(engine, { putLocals: [one] });
    expect(await engine.getLocal('_local/a')).toBe(one);
    const two = { id: '_local/a', rev: '0-2', body: { n: 2 } };
    await commitNow(engine, { putLocals: [two] });
    expect(await engine.getLocal('_local/a')).toBe(two);
    await commitNow(engine, { deleteLocals: ['_local/a', '_local/none'] });
    expect(await engine.getLocal('_local/a')).toBeUndefined();
  });
});

describe('attachments', () => {
  it('stores bytes by digest and deletes them', async () => {
    const engine = await opened();
    const data = new Uint8Array([1, 2, 3]);
    await commitNow(engine, { putAttachments: [{ digest: 'md5-x', refs: ['a@1-x'], data }] });
    expect(await engine.getAttachment('md5-x')).toBe(data);
    expect(await engine.getAttachmentRecords(['md5-x', 'md5-y'])).toEqual([
      { digest: 'md5-x', refs: ['a@1-x'] },
      undefined,
    ]);
    expect(await engine.getAttachment('md5-y')).toBeUndefined();
    await commitNow(engine, { putAttachments: [{ digest: 'md5-x', refs: ['a@1-x', 'b@1-y'] }] });
    expect(await engine.getAttachment('md5-x')).toBe(data);
    await commitNow(engine, { deleteAttachments: ['md5-x'] });
    expect(await engine.getAttachment('md5-x')).toBeUndefined();
    expect(await engine.getAttachmentRecords(['md5-x'])).toEqual([undefined]);
  });
});

describe('commit', () => {
  it('applies a whole batch before any read can run', async () => {
    const engine = new MemoryEngine();
    const { version } = await engine.open();
    const reads: Promise<(DocRecord | undefined)[]>[] = [];
    const commits: Promise<EngineVersion>[] = [];
    for (let n = 1; n <= 50; n++) {
      // Each commit is handed the version the previous one will produce (one writer, in order).
      const batch = { putDocs: [record('a', n), record('b', n)], meta: meta(n) };
      commits.push(engine.commit(batch, (version as number) + n - 1));
      reads.push(engine.getDocs(['a', 'b']));
    }
    await Promise.all(commits);
    for (const [n, read] of (await Promise.all(reads)).entries()) {
      expect(read.map((r) => r?.seq)).toEqual([n + 1, n + 1]);
    }
  });

  it('applies every kind of change in one batch, deletions before puts', async () => {
    const engine = await opened();
    await commitNow(engine, {
      putDocs: [record('old')],
      putSeqs: [{ seq: 1, id: 'old' }],
      putLocals: [{ id: '_local/old', rev: '0-1', body: {} }],
      putAttachments: [{ digest: 'd-old', refs: ['old@1-a'], data: new Uint8Array([0]) }],
      putRevs: [{ id: 'old', rev: '1-a', body: {} }],
    });
    const batch: EngineBatch = {
      deleteDocs: ['old', 'same'],
      putDocs: [record('new', 2), record('same', 2)],
      deleteSeqs: [1],
      putSeqs: [{ seq: 2, id: 'new' }],
      deleteLocals: ['_local/old'],
      putLocals: [{ id: '_local/new', rev: '0-1', body: {} }],
      deleteAttachments: ['d-old'],
      putAttachments: [{ digest: 'd-new', refs: ['new@1-a'], data: new Uint8Array([1]) }],
      deleteRevs: [{ id: 'old', rev: '1-a' }],
      putRevs: [{ id: 'new', rev: '1-a', body: { v: 1 } }],
      meta: meta(2, 2),
    };
    await commitNow(engine, batch);
    expect((await engine.scanDocs({})).map((r) => r.id)).toEqual(['new', 'same']);
    expect(await engine.scanSeqs({})).toEqual([{ seq: 2, id: 'new' }]);
    expect(await engine.getLocal('_local/old')).toBeUndefined();
    expect(await engine.getLocal('_local/new')).toBeDefined();
    expect(await engine.getAttachment('d-old')).toBeUndefined();
    expect(await engine.getAttachment('d-new')).toEqual(new Uint8Array([1]));
    expect(
      await engine.getRevs([
        { id: 'old', rev: '1-a' },
        { id: 'new', rev: '1-a' },
      ]),
    ).toEqual([undefined, { v: 1 }]);
    expect((await engine.reload()).meta).toBe(batch.meta);
  });

  it('accepts an empty batch', async () => {
    const engine = await opened();
    await expect(commitNow(engine, {})).resolves.toBe(1);
  });

  it('takes large batches in random order and keeps ids sorted', async () => {
    const engine = await opened();
    const n = 50_000;
    // Random order, so the sorted-id merge is exercised rather than plain appends.
    const ids = Array.from(
      { length: n },
      (_, i) => `doc-${((i * 7919) % n).toString().padStart(6, '0')}`,
    );
    await commitNow(engine, {
      putDocs: ids.map((id, i) => record(id, i + 1)),
      putSeqs: ids.map((id, i) => ({ seq: i + 1, id })),
    });
    for (let i = 0; i < 1000; i++)
      await commitNow(engine, { putDocs: [record(`x-${i}`, n + i + 1)] });
    expect((await engine.scanDocs({})).length).toBe(n + 1000);
    const page = await engine.scanDocs({ gte: 'doc-010000', limit: 3 });
    expect(page.map((r) => r.id)).toEqual(['doc-010000', 'doc-010001', 'doc-010002']);
  });
});

describe('shared stores by name', () => {
  it('lets engines opened on one name see the same data, after close too', async () => {
    const stores = new MemoryStores();
    const first = await opened(stores.open('foo'));
    await commitNow(first, { putDocs: [record('a')], meta: meta(1, 1) });
    await first.close();
    const second = new MemoryEngine(stores.open('foo'));
    expect((await second.open()).meta).toEqual(meta(1, 1));
    expect((await second.getDocs(['a']))[0]?.id).toBe('a');
    expect(stores.open('bar')).not.toBe(stores.open('foo'));
  });

  it('destroy drops the data and the name, so the next open starts empty', async () => {
    const stores = new MemoryStores();
    const data = stores.open('foo');
    const engine = new MemoryEngine(data, () => stores.drop('foo', data));
    const before = (await engine.open()).meta;
    await commitNow(engine, {
      putDocs: [record('a')],
      putSeqs: [{ seq: 1, id: 'a' }],
      meta: meta(1, 1),
    });
    await engine.destroy();
    expect(stores.has('foo')).toBe(false);
    expect(data.docs.size).toBe(0);
    expect(data.seqs.size).toBe(0);
    const fresh = await opened(stores.open('foo'));
    expect((await fresh.reload()).meta).toMatchObject({ updateSeq: 0, docCount: 0 });
    expect((await fresh.reload()).meta.uuid).not.toBe(before.uuid);
    expect(await fresh.getDocs(['a'])).toEqual([undefined]);
  });

  it('does not let a stale engine drop a newer store of the same name', () => {
    const stores = new MemoryStores();
    const old = stores.open('foo');
    stores.drop('foo', old);
    const current = stores.open('foo');
    stores.drop('foo', old);
    expect(stores.has('foo')).toBe(true);
    expect(stores.open('foo')).toBe(current);
    expect(stores.names()).toEqual(['foo']);
  });
});

describe('revision bodies kept as bytes', () => {
  it('keeps a large body as UTF-8 bytes, a small one as text, and reads both back exactly', async () => {
    const data = new MemoryData();
    const engine = await opened(data);
    // Non-ASCII, an astral character, an escaped lone surrogate and a byte order mark: the
    // text must come back unit for unit.
    const large = { text: `\ufeffé€😀\ud800 ${'x'.repeat(5000)}`, n: 1 };
    const small = { text: 'é😀\udfff', n: 2 };
    await commitNow(engine, {
      putRevs: [
        { id: 'a', rev: '1-a', body: large, json: JSON.stringify(large) },
        { id: 'b', rev: '1-b', body: small },
      ],
    });
    expect(data.revs.get('a')?.get('1-a')).toBeInstanceOf(Uint8Array);
    expect(typeof data.revs.get('b')?.get('1-b')).toBe('string');
    const [a, b] = await engine.getRevs([
      { id: 'a', rev: '1-a' },
      { id: 'b', rev: '1-b' },
    ]);
    expect(a).toEqual(large);
    expect(b).toEqual(small);
    // Each read parses its own copy.
    const [again] = await engine.getRevs([{ id: 'a', rev: '1-a' }]);
    expect(again).toEqual(large);
    expect(again).not.toBe(a);
  });
});
