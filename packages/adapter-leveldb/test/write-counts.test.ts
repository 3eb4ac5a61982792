import { AsyncResource, createHook, executionAsyncId } from 'node:async_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Satchel } from '@satchel/core';
import { ClassicLevel } from 'classic-level';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeveldbAdapterPlugin } from '../src/index.js';
import { BATCH_OP_SHAPES } from '../src/op-shapes.js';

Satchel.plugin(LeveldbAdapterPlugin);

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satchel-write-counts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A batch operation as classic-level's private API receives it (keys prefixed, encoded). */
interface NativeOp {
  type: 'put' | 'del';
  key: string | Uint8Array;
  value?: string | Uint8Array;
}

/** What a database asked of LevelDB: calls of each private method, and the batches written. */
interface NativeCalls {
  calls: Record<string, number>;
  batches: { type: string; key: string; bytes: number }[][];
  /** The operation objects themselves, as abstract-level hands them on (its copies). */
  ops: object[][];
}

const text = (v: string | Uint8Array) => (typeof v === 'string' ? v : new TextDecoder().decode(v));
const bytes = (v: string | Uint8Array | undefined) =>
  v === undefined ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.byteLength;

/**
 * A real classic-level database in `path` whose private (native-facing) methods are counted:
 * every read and write the engine makes reaches LevelDB through one of them.
 */
function countingLevel(path: string): { db: ClassicLevel; seen: NativeCalls } {
  const db = new ClassicLevel(path);
  const seen: NativeCalls = { calls: {}, batches: [], ops: [] };
  const methods = db as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['_getSync', '_get', '_getMany', '_has', '_hasMany', '_put', '_del']) {
    const original = methods[name]!.bind(db);
    methods[name] = (...args) => {
      seen.calls[name] = (seen.calls[name] ?? 0) + 1;
      return original(...args);
    };
  }
  const iterator = methods._iterator!.bind(db);
  methods._iterator = (...args) => {
    seen.calls._iterator = (seen.calls._iterator ?? 0) + 1;
    return iterator(...args);
  };
  const batch = methods._batch!.bind(db);
  methods._batch = (ops, options) => {
    seen.calls._batch = (seen.calls._batch ?? 0) + 1;
    seen.ops.push(ops as object[]);
    seen.batches.push(
      (ops as NativeOp[]).map((op) => ({
        type: op.type,
        key: text(op.key),
        bytes: bytes(op.key) + bytes(op.value),
      })),
    );
    return batch(ops, options);
  };
  return { db, seen };
}

let opened = 0;

/**
 * A Satchel database on a counting classic-level store, ready, with its counts reset (unless
 * `fromCreation`: they then include the new store's own writes).
 */
async function open({ fromCreation = false } = {}) {
  let seen: NativeCalls | undefined;
  const db = new Satchel(`counts-${++opened}`, {
    adapter: 'leveldb',
    level: (name: string) => {
      const made = countingLevel(join(dir, name));
      seen = made.seen;
      return made.db;
    },
  });
  await db.info();
  const native = seen!;
  const reset = () => {
    native.calls = {};
    native.batches = [];
    native.ops = [];
  };
  if (!fromCreation) reset();
  return { db, native, reset };
}

/**
 * Kinds of asynchronous resources (other than promises) that `run` causes: those created in its
 * own asynchronous context or one it started. Resources the test runner makes meanwhile (its
 * RPC, console output) belong to other contexts and are left out.
 */
async function asyncResources(run: () => Promise<unknown>): Promise<string[]> {
  return (await ownAsyncResources(run)).filter((type) => type !== 'PROMISE');
}

/** Kinds of every asynchronous resource `run` causes, promises included (see above). */
async function ownAsyncResources(run: () => Promise<unknown>): Promise<string[]> {
  return (await traceAsync(run)).kinds;
}

/**
 * The promise callbacks (reactions: `then` callbacks and the resumptions after `await`) that
 * run for `run` until it settles: the hops of its promise chain, each one microtask. Counted
 * as reactions run rather than promises made: with async hooks on, V8 makes a throwaway
 * promise per `await` that it does not make otherwise.
 */
async function promiseHops(run: () => Promise<unknown>): Promise<number> {
  return (await traceAsync(run)).hops;
}

/** The resources `run` causes (see {@link asyncResources}) and its promise hops. */
async function traceAsync(run: () => Promise<unknown>): Promise<{ kinds: string[]; hops: number }> {
  const kinds: string[] = [];
  let hops = 0;
  const root = new AsyncResource('write-under-test');
  const ours = new Set([root.asyncId()]);
  const promises = new Set<number>();
  const hook = createHook({
    init(id, type, triggerId) {
      if (!ours.has(triggerId) && !ours.has(executionAsyncId())) return;
      ours.add(id);
      kinds.push(type);
      if (type === 'PROMISE') promises.add(id);
    },
    before(id) {
      if (promises.has(id)) hops++;
    },
  });
  hook.enable();
  try {
    await root.runInAsyncScope(run);
  } finally {
    hook.disable();
  }
  return { kinds, hops };
}

const seqKey = (seq: number) => `!s!${String(seq).padStart(16, '0')}`;

describe('native calls per single-document write (LevelDB)', () => {
  it('a put of a new document: one getSync, one batch of its entry and its by-seq entry', async () => {
    const { db, native, reset } = await open();
    await db.put({ _id: 'warm', n: 0 });
    reset();
    const kinds = await asyncResources(() => db.put({ _id: 'a', n: 1 }));
    // The write's only wait is LevelDB's: no timer, immediate or tick of Satchel's own.
    expect(kinds).toEqual(['classic_level.batch.do']);
    expect(native.calls).toEqual({ _getSync: 1, _batch: 1 });
    // No counts entry: the by-seq entry carries the document count (stored format 2).
    expect(native.batches).toEqual([
      [
        // The header [2,"1-…",0,[[1,"…",0]]] (85 bytes: the 32-digit hash twice), a newline,
        // the body {"n":1}.
        { type: 'put', key: '!d!a', bytes: 4 + 85 + 1 + 7 },
        // The id as JSON, a newline, the document count: "a"\n2.
        { type: 'put', key: seqKey(2), bytes: 19 + 5 },
      ],
    ]);
    await db.close();
  });

  it('post: the same batch under a generated id, and no read (no store holds that id)', async () => {
    const { db, native, reset } = await open();
    await db.post({ warm: true });
    reset();
    const kinds = await asyncResources(() => db.post({ yo: 'dawg' }));
    expect(kinds).toEqual(['classic_level.batch.do']);
    expect(native.calls).toEqual({ _batch: 1 });
    expect(native.batches.map((b) => b.map((op) => `${op.type} ${op.key.slice(0, 3)}`))).toEqual([
      ['put !d!', 'put !s!'],
    ]);
    await db.close();
  });

  it('post below the Satchel API: 8 promise hops from the call to its rows, LevelDB included', async () => {
    const { db } = await open();
    const post = () => db._adapter.bulkDocs([{ yo: 'dawg' }], { new_edits: true });
    await post();
    // LocalAdapter: its commit's wait for the engine, the write's (which holds the write lock
    // without a promise of its own), the rows reported; the engine's wait for the batch;
    // abstract-level and classic-level's batch (their async functions and waits). A hop more
    // shows up here.
    expect(await promiseHops(post)).toBe(8);
    await db.close();
  });

  it('through the Satchel API a post adds 2 hops to those below it, a get none', async () => {
    const { db } = await open();
    await db.post({ warm: true });
    // `db.bulkDocs`' (its rows given ids) and the write's own (its row turned into the answer):
    // no async function returning another's promise, which would add two hops each, between
    // the call and LocalAdapter.
    expect(await promiseHops(() => db.post({ yo: 'dawg' }))).toBe(10);
    const { id } = await db.post({ n: 1 });
    await db.get(id);
    expect(await promiseHops(() => db.get(id))).toBe(7);
    await db.close();
  });

  it('get below the Satchel API: 7 promise hops, its two engine reads chained', async () => {
    const { db } = await open();
    await db.put({ _id: 'a', n: 1 });
    const get = () => db._adapter.get('a', {});
    await get();
    expect(await promiseHops(get)).toBe(7);
    await db.close();
  });

  it('an update (put of a read document) waits 2 hops more than a post, for its record', async () => {
    const { db } = await open();
    await db.put({ _id: 'a', n: 1 });
    const doc = await db.get<{ n: number }>('a');
    doc.n = 2;
    // The engine's read of the record (the get's, remembered) and the wait for it.
    expect(await promiseHops(() => db.put(doc))).toBe(12);
    await db.close();
  });

  it('bulkDocs reads only the ids it was given, once, and none again at commit', async () => {
    const { db, native, reset } = await open();
    const { rev } = await db.put({ _id: 'old' });
    reset();
    const rows = await db.bulkDocs([{ n: 1 }, { _id: 'new' }, { _id: 'old', _rev: rev }, { n: 2 }]);
    expect(rows.every((r) => 'ok' in r && r.ok)).toBe(true);
    // 'new' and 'old' read (synchronously, one getSync each); the two generated ids not at all.
    expect(native.calls).toEqual({ _getSync: 2, _batch: 1 });
    expect(native.batches[0]!.filter((op) => op.key.startsWith('!d!'))).toHaveLength(4);
    await db.close();
  });

  it('get then put: one getSync for both; the old body moves out, the old by-seq entry goes', async () => {
    const { db, native, reset } = await open();
    const { rev } = await db.put({ _id: 'a', n: 1 });
    reset();
    const doc = await db.get<{ n: number }>('a');
    expect(native.calls).toEqual({ _getSync: 1 });
    doc.n = 2;
    await db.put(doc);
    // The put reads nothing: the get's read is remembered until the next commit.
    expect(native.calls).toEqual({ _getSync: 1, _batch: 1 });
    expect(native.batches[0]!.map((op) => [op.type, op.key])).toEqual([
      ['put', '!r!a\u0000' + rev],
      ['put', '!d!a'],
      ['put', seqKey(2)],
      ['del', seqKey(1)],
    ]);
    await db.close();
  });

  it('a local document (a replication checkpoint) writes its entry only', async () => {
    const { db, native, reset } = await open();
    await db.put({ _id: 'a' });
    reset();
    await db.put({ _id: '_local/checkpoint', last_seq: 1 });
    expect(native.calls).toEqual({ _getSync: 1, _batch: 1 });
    expect(native.batches[0]!.map((op) => [op.type, op.key])).toEqual([
      ['put', '!l!_local/checkpoint'],
    ]);
    await db.close();
  });

  it('reopening finds the update_seq and doc_count the marked by-seq entries recorded', async () => {
    const { db } = await open();
    await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }]);
    const b = await db.get('b');
    await db.remove(b);
    await db.put({ _id: '_local/x' });
    const before = await db.info();
    expect([before.update_seq, before.doc_count]).toEqual([4, 2]);
    await db.close();
    const again = new Satchel(`counts-${opened}`, {
      adapter: 'leveldb',
      level: (name: string) => new ClassicLevel(join(dir, name)),
    });
    const after = await again.info();
    expect([after.update_seq, after.doc_count]).toEqual([4, 2]);
    await again.close();
  });
});

describe('single-document writes go through bulkDocs as the database has it', () => {
  it("put, post and remove call a bulkDocs replaced on the instance, and a plugin's", async () => {
    const { db } = await open();
    const seen: string[] = [];
    const own = db.bulkDocs;
    db.bulkDocs = ((...args: Parameters<typeof own>) => {
      seen.push('instance');
      return own(...args);
    }) as typeof own;
    const { rev } = await db.put({ _id: 'a' });
    await db.post({ n: 1 });
    await db.remove('a', rev);
    expect(seen).toEqual(['instance', 'instance', 'instance']);
    await db.close();

    class Wrapped extends Satchel {}
    const shared = Wrapped.prototype.bulkDocs;
    Wrapped.prototype.bulkDocs = function (this: Satchel, ...args: Parameters<typeof shared>) {
      seen.push('plugin');
      return shared.apply(this, args);
    } as typeof shared;
    const wrapped = new Wrapped(`counts-${++opened}`, {
      adapter: 'leveldb',
      level: (name: string) => new ClassicLevel(join(dir, name)),
    });
    seen.length = 0;
    await wrapped.post({ n: 1 });
    await wrapped.put({ _id: 'b' });
    expect(seen).toEqual(['plugin', 'plugin']);
    await wrapped.close();
  });
});

describe('object shapes that survive from one database to the next', () => {
  // V8 optimizes code for the hidden classes it has seen: objects every database builds must
  // share theirs, or each new database (a test, a bench repetition, an app opening one per
  // user) meets code optimized for the previous one's, which is thrown away and redone.
  setFlagsFromString('--allow-natives-syntax');
  const sameShape = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (
    a: object,
    b: object,
  ) => boolean;

  it('two databases share one hidden class, and so do their adapters', async () => {
    const first = await open();
    const second = await open();
    await Promise.all([first.db.post({ n: 1 }), second.db.post({ n: 2 })]);
    // `new Satchel` builds with the class itself as `new.target`, not the callable wrapper.
    expect(sameShape(first.db, second.db)).toBe(true);
    // The first handle on a store is the adapter itself, never used as a prototype.
    expect(sameShape(first.db._adapter, second.db._adapter)).toBe(true);
    await Promise.all([first.db.close(), second.db.close()]);
  });

  it("abstract-level's copies of every batch operation share the classes op-shapes.ts keeps alive", async () => {
    // A new store's meta entries (written at open), a post, an update (puts and a deletion).
    const { db, native } = await open({ fromCreation: true });
    const { id, rev } = await db.post({ n: 1 });
    await db.put({ _id: id, _rev: rev, n: 2 });
    const ops = native.ops.flat() as { type: string }[];
    expect(native.ops).toHaveLength(3);
    expect(ops.filter((op) => op.type === 'del')).toHaveLength(1);
    const [putShape, delShape] = BATCH_OP_SHAPES;
    for (const op of ops)
      expect(sameShape(op, op.type === 'put' ? putShape! : delShape!)).toBe(true);
    await db.close();
  });

  it('a second handle on the same store keeps the store open until both are closed', async () => {
    const name = `counts-${++opened}`;
    const level = (path: string) => new ClassicLevel(join(dir, path));
    const a = new Satchel(name, { adapter: 'leveldb', level });
    const b = new Satchel(name, { adapter: 'leveldb', level });
    await a.put({ _id: 'x' });
    expect(Object.getPrototypeOf(b._adapter)).toBe(a._adapter);
    await a.close();
    expect((await b.get('x'))._id).toBe('x');
    await b.close();
    await expect(b.info()).rejects.toThrow();
  });
});
