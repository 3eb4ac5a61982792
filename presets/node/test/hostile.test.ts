import type { ChangesResult, SuiteConstructor, SuiteDatabase } from '@satchel/adapter-suite';
import { afterEach, describe, expect, it } from 'vitest';
import Satchel from '../src/index.js';
import { type Outcome, settle } from './differential/normalise.js';
import { HOSTILE_GROUPS, type HostileCase } from './hostile/cases.js';
import { expectConsistent } from './hostile/consistency.js';
import {
  arrayDepth,
  nestedArray,
  nestedArrayJson,
  nestedObject,
  nestedObjectJson,
  objectDepth,
  pouchRevHash,
} from './hostile/deep.js';
import { judge } from './hostile/verdict.js';
import { PouchDB, pouchOptions } from './pouchdb-oracle.js';

const SatchelCtor = Satchel as unknown as SuiteConstructor;
const opened: SuiteDatabase[] = [];
let counter = 0;

function open(Ctor: SuiteConstructor, name: string): SuiteDatabase {
  const db = new Ctor(name, Ctor === PouchDB ? pouchOptions : { adapter: 'memory' });
  opened.push(db);
  return db;
}

afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((db) => db.destroy()));
});

/** The same small database in both libraries: plain, conflicted, deleted, design and local docs. */
async function seeded(Ctor: SuiteConstructor, name: string): Promise<SuiteDatabase> {
  const db = open(Ctor, name);
  const [, d] = await db.bulkDocs([
    { _id: 'a', v: 1 },
    { _id: 'd' },
    { _id: '_design/x', views: {} },
    { _id: 'b' },
  ]);
  await db.remove('d', d?.rev);
  await db.bulkDocs(
    [
      { _id: 'c', _rev: '1-x' },
      { _id: 'c', _rev: '1-y' },
    ],
    { new_edits: false },
  );
  await db.put({ _id: '_local/l', v: 1 });
  return db;
}

const changesOf = (db: SuiteDatabase, opts: object): PromiseLike<ChangesResult> =>
  (db.changes as (o: object) => PromiseLike<ChangesResult>)(opts);

/** Calls `c` on `db`, failing if it throws synchronously instead of returning a promise. */
function outcomeOf(c: HostileCase, db: SuiteDatabase): Promise<Outcome> {
  let returned: PromiseLike<unknown>;
  try {
    returned = c.call(db);
  } catch (err) {
    return Promise.resolve({ error: { message: `threw synchronously: ${String(err)}` } });
  }
  if (!returned || typeof returned.then !== 'function') {
    return Promise.resolve({ error: { message: 'did not return a promise' } });
  }
  return settle(() => returned);
}

async function runCase(c: HostileCase): Promise<void> {
  const name = `hostile-${process.pid}-${++counter}`;
  const mine = await seeded(SatchelCtor, name);
  const theirs = c.noOracle ? undefined : await seeded(PouchDB, name);
  const [satchel, pouch] = await Promise.all([
    outcomeOf(c, mine),
    theirs ? outcomeOf(c, theirs) : undefined,
  ]);
  expect(judge(c, satchel, pouch)).toBeUndefined();
  await expectConsistent(mine);
}

describe('hostile calls: PouchDB-style errors or PouchDB behaviour, never a crash or hang', () => {
  for (const [group, cases] of Object.entries(HOSTILE_GROUPS)) {
    describe(group, () => {
      for (const c of cases) it(c.label, () => runCase(c));
    });
  }
});

describe('10,000-level nested documents', () => {
  const DEPTH = 10_000;
  const docJson = `{"_id":"deep","v":${nestedObjectJson(DEPTH)},"a":${nestedArrayJson(DEPTH)}}`;
  const deepDoc = (): Record<string, unknown> => ({
    _id: 'deep',
    v: nestedObject(DEPTH),
    a: nestedArray(DEPTH),
  });

  const expectDeep = (doc: unknown): void => {
    const d = doc as { v: unknown; a: unknown };
    expect(objectDepth(d.v)).toEqual({ depth: DEPTH, leaf: true });
    expect(arrayDepth(d.a)).toEqual({ depth: DEPTH, leaf: true });
  };

  it("put answers PouchDB's deterministic rev; get reads the document back whole", async () => {
    const db = open(SatchelCtor, `deep-${++counter}`);
    const res = await db.put(deepDoc());
    expect(res.rev).toBe(`1-${pouchRevHash(docJson)}`);
    expectDeep(await db.get('deep'));
    const withMeta = await db.get('deep', { revs: true, revs_info: true, conflicts: true });
    expectDeep(withMeta);
    expect(withMeta._revisions?.start).toBe(1);
  });

  it('allDocs, changes, bulkGet and open_revs with docs return it whole', async () => {
    const db = open(SatchelCtor, `deep-${++counter}`);
    await db.put(deepDoc());
    expectDeep((await db.allDocs({ include_docs: true })).rows[0]?.doc);
    expectDeep((await db.allDocs({ keys: ['deep'], include_docs: true })).rows[0]?.doc);
    expectDeep((await changesOf(db, { include_docs: true })).results[0]?.doc);
    expectDeep(
      (await changesOf(db, { include_docs: true, style: 'all_docs', conflicts: true })).results[0]
        ?.doc,
    );
    const got = (await db.bulkGet({ docs: [{ id: 'deep' }] })).results[0]?.docs[0];
    expectDeep(got && 'ok' in got ? got.ok : undefined);
    const open_revs = await db.get('deep', { open_revs: 'all', revs: true });
    expectDeep(open_revs[0] && 'ok' in open_revs[0] ? open_revs[0].ok : undefined);
  });

  it('updates, replication, compaction, deletion and local docs cope', async () => {
    const db = open(SatchelCtor, `deep-${++counter}`);
    const one = await db.put(deepDoc());
    const two = await db.put({
      _id: 'deep',
      _rev: one.rev,
      v: nestedObject(DEPTH),
      a: nestedArray(DEPTH),
    });
    const updateJson = `{"_id":"deep","_rev":"${one.rev}","v":${nestedObjectJson(DEPTH)},"a":${nestedArrayJson(DEPTH)}}`;
    expect(two.rev).toBe(`2-${pouchRevHash(updateJson)}`);
    await db.bulkDocs([{ ...deepDoc(), _id: 'copy', _rev: '1-abc' }], { new_edits: false });
    expectDeep(await db.get('copy'));
    await db.compact();
    expectDeep(await db.get('deep'));
    await db.put({ _id: '_local/deep', v: nestedObject(DEPTH), a: nestedArray(DEPTH) });
    expectDeep(await db.get('_local/deep'));
    await db.remove('deep', two.rev);
    await expectConsistent(db);
  });

  it('a 1,000-level document gets the same rev as in pouchdb@9', async () => {
    const doc = (): Record<string, unknown> => ({ _id: 'd1k', v: nestedObject(1000) });
    const name = `deep-${++counter}`;
    const [mine, theirs] = await Promise.all([
      open(SatchelCtor, name).put(doc()),
      open(PouchDB, name).put(doc()),
    ]);
    expect(mine).toEqual(theirs);
    expect(theirs.rev).toBe(`1-${pouchRevHash(`{"_id":"d1k","v":${nestedObjectJson(1000)}}`)}`);
  });
});

describe('1 MB ids and revisions', () => {
  const bigId = `big-${'x'.repeat(1 << 20)}`;

  it("a 1 MB id is written with pouchdb@9's rev and read back everywhere", async () => {
    const name = `bigid-${++counter}`;
    const db = open(SatchelCtor, name);
    const [mine, theirs] = await Promise.all([
      db.put({ _id: bigId, v: 1 }),
      open(PouchDB, name).put({ _id: bigId, v: 1 }),
    ]);
    expect(mine).toEqual(theirs);
    expect((await db.get(bigId))._id).toBe(bigId);
    expect((await db.allDocs({ keys: [bigId] })).rows[0]?.value?.rev).toBe(mine.rev);
    expect((await db.allDocs({ startkey: bigId, limit: 1 })).rows[0]?.id).toBe(bigId);
    expect((await changesOf(db, { doc_ids: [bigId] })).results[0]?.id).toBe(bigId);
    expect(await db.revsDiff({ [bigId]: [mine.rev, '2-x'] })).toEqual({
      [bigId]: { missing: ['2-x'] },
    });
    expect((await db.bulkGet({ docs: [{ id: bigId, rev: mine.rev }] })).results[0]?.id).toBe(bigId);
    await db.remove(bigId, mine.rev);
    await expectConsistent(db);
  });

  it('a 1 MB revision hash replicates in and reads back', async () => {
    const db = open(SatchelCtor, `bigrev-${++counter}`);
    const rev = `1-${'a'.repeat(1 << 20)}`;
    expect(await db.bulkDocs([{ _id: 'r', _rev: rev, v: 1 }], { new_edits: false })).toEqual([]);
    expect((await db.get('r'))._rev).toBe(rev);
    const next = await db.put({ _id: 'r', _rev: rev, v: 2 });
    expect(next.rev).toMatch(/^2-[0-9a-f]{32}$/);
    await expectConsistent(db);
  });
});

describe('prototype safety', () => {
  it('ids and fields named like Object.prototype members do not pollute anything', async () => {
    const db = open(SatchelCtor, `proto-${++counter}`);
    const ids = ['constructor', 'hasOwnProperty', 'toString', 'valueOf', 'prototype'];
    for (const id of ids) await db.put({ _id: id, v: id });
    for (const id of ids) expect((await db.get(id)).v).toBe(id);
    await db.put(JSON.parse('{"_id":"p","__proto__":{"polluted":true}}'));
    await db.get('p');
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect((await db.allDocs()).rows.map((r) => r.id).sort()).toEqual([...ids, 'p'].sort());
    await expectConsistent(db);
  });
});

describe('a document whose JSON is longer than a string can be', () => {
  it('is 413 document_too_large (put, bulkDocs, a _local put), and nothing of it is written', async () => {
    const db = open(SatchelCtor, `too-long-${++counter}`);
    await db.put({ _id: 'kept' });
    // Two members sharing one 270 M-character string: each fits, the JSON of both (about
    // 540 M characters) is past V8's longest string (2^29 - 24).
    const half = 'x'.repeat(270_000_000);
    const huge = { a: half, b: half };
    const refusal = { status: 413, name: 'document_too_large' };
    await expect(db.put({ _id: 'huge', ...huge })).rejects.toMatchObject(refusal);
    await expect(db.bulkDocs([{ _id: 'ok' }, { _id: 'huge', ...huge }])).rejects.toMatchObject(
      refusal,
    );
    // A `_local` write used to resolve as if written, its error hidden in a row without `error`.
    await expect(db.put({ _id: '_local/huge', ...huge })).rejects.toMatchObject(refusal);
    await expect(db.get('_local/huge')).rejects.toMatchObject({ status: 404 });
    expect((await db.allDocs()).rows.map((row) => row.id)).toEqual(['kept']);
    expect(await db.info()).toMatchObject({ doc_count: 1, update_seq: 1 });
  });
});
