// Runs in Chromium: what is particular to the IndexedDB engine.
import { isEngineConflict, Satchel } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { idbError } from '../../src/idb-errors.js';
import { IndexedDbAdapterPlugin, IndexedDbEngine, indexedDbName } from '../../src/index.js';

Satchel.plugin(IndexedDbAdapterPlugin);

let n = 0;
const freshName = () => `engine-${Date.now()}-${n++}`;
const docRecord = (id: string, seq: number) => ({
  id,
  rev_tree: [{ pos: 1, ids: ['a', { status: 'available' }, []] as never }],
  winningRev: '1-a',
  deleted: false,
  seq,
});

/** Writes a record and advances the version directly in IndexedDB, telling no engine. */
async function rawWrite(name: string, record: ReturnType<typeof docRecord>): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = db.transaction(['docs', 'meta'], 'readwrite');
  tx.objectStore('docs').put([JSON.stringify(record)], record.id);
  const meta = tx.objectStore('meta');
  const state = meta.get('state');
  state.onsuccess = () => meta.put({ ...state.result, version: state.result.version + 1 }, 'state');
  await new Promise((resolve) => {
    tx.oncomplete = resolve;
  });
  db.close();
}

/** Rewrites the stored state directly in IndexedDB, telling no engine. */
async function rawState(name: string, change: (state: object) => object): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = db.transaction('meta', 'readwrite');
  const meta = tx.objectStore('meta');
  const state = meta.get('state');
  state.onsuccess = () => meta.put(change(state.result), 'state');
  await new Promise((resolve) => {
    tx.oncomplete = resolve;
  });
  db.close();
}

describe('IndexedDbEngine', () => {
  it('orders ids by code point, astral characters after U+FFFF, in ranges too', async () => {
    const engine = new IndexedDbEngine({ name: freshName() });
    const { version } = await engine.open();
    const ids = ['a', '\uFFFF', '\u{10000}', '\uE000', 'z', '\u{1F600}'];
    await engine.commit({ putDocs: ids.map((id, i) => docRecord(id, i + 1)) }, version);
    const all = (await engine.scanDocs({})).map((d) => d.id);
    expect(all).toEqual(['a', 'z', '\uE000', '\uFFFF', '\u{10000}', '\u{1F600}']);
    const tail = (await engine.scanDocs({ gt: '\uFFFF', reverse: true, limit: 1 })).map(
      (d) => d.id,
    );
    expect(tail).toEqual(['\u{1F600}']);
    await engine.destroy();
  });

  it('refuses a commit made on a stale version and applies none of it', async () => {
    const name = freshName();
    const a = new IndexedDbEngine({ name });
    const b = new IndexedDbEngine({ name });
    const va = (await a.open()).version;
    const vb = (await b.open()).version;
    expect(va).toEqual(vb);
    const next = await a.commit({ putDocs: [docRecord('x', 1)] }, va);
    expect(next).not.toEqual(va);
    const refusal = await b.commit({ putDocs: [docRecord('y', 1)] }, vb).catch((e: unknown) => e);
    expect(isEngineConflict(refusal)).toBe(true);
    expect((await b.getDocs(['y']))[0]).toBeUndefined();
    const reloaded = await b.reload();
    expect(reloaded.version).toEqual(next);
    await b.close();
    await a.destroy();
  });

  it('watch reports another engine’s commit, not its own', async () => {
    const name = freshName();
    const a = new IndexedDbEngine({ name });
    const b = new IndexedDbEngine({ name });
    const va = (await a.open()).version;
    await b.open();
    let heardByA = 0;
    const heardByB = new Promise<void>((resolve) => b.watch(() => resolve()));
    a.watch(() => heardByA++);
    await a.commit({ putLocals: [{ id: '_local/x', rev: '0-1', body: {} }] }, va);
    await heardByB;
    await new Promise((r) => setTimeout(r, 50));
    expect(heardByA).toBe(0);
    await b.close();
    await a.destroy();
  });

  it('watch tells a commit (no argument) from a destroy elsewhere (`destroyed`)', async () => {
    const name = freshName();
    const a = new IndexedDbEngine({ name });
    const b = new IndexedDbEngine({ name });
    const va = (await a.open()).version;
    await b.open();
    const heard: (string | undefined)[] = [];
    let told: () => void = () => {};
    b.watch((event) => {
      heard.push(event);
      told();
    });
    const next = () => new Promise<void>((resolve) => (told = resolve));
    let waiting = next();
    await a.commit({ putDocs: [docRecord('x', 1)] }, va);
    await waiting;
    waiting = next();
    await a.destroy();
    await waiting;
    expect(heard).toEqual([undefined, 'destroyed']);
    // b's connection closed for the deletion; the database is not there until b is used.
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(name);
    const fresh = await b.reload();
    expect(fresh.meta).toMatchObject({ updateSeq: 0, docCount: 0 });
    await b.destroy();
  });

  it('a versionchange from elsewhere closes this connection instead of blocking, then reopens', async () => {
    const name = freshName();
    const engine = new IndexedDbEngine({ name });
    const { version } = await engine.open();
    await engine.commit({ putDocs: [docRecord('kept', 1)] }, version);
    // Another connection deletes the database: it must not be blocked by ours.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('deleteDatabase was blocked'));
    });
    const fresh = await engine.reload();
    expect(fresh.meta.updateSeq).toBe(0);
    expect(fresh.version).not.toEqual(version);
    const stale = await engine.commit({}, version).catch((e: unknown) => e);
    expect(isEngineConflict(stale)).toBe(true);
    await engine.destroy();
  });

  it('a commit heard before anyone watched is reported to the first watcher', async () => {
    const name = freshName();
    const a = new IndexedDbEngine({ name });
    const b = new IndexedDbEngine({ name });
    const va = (await a.open()).version;
    // b listens from `open()` on; LocalAdapter only calls `watch()` once `open()` resolved, so
    // a message can arrive in between about a commit that `open()` read too early to see.
    const vb = (await b.open()).version;
    // c was created after b, so b gets each message first (BroadcastChannel's creation order):
    // once c has heard a's commit, b has too, with nobody watching it.
    const c = new IndexedDbEngine({ name });
    await c.open();
    const heardByC = new Promise<void>((resolve) => c.watch(() => resolve()));
    await a.commit({ putDocs: [docRecord('x', 1)] }, va);
    await heardByC;
    let told = false;
    b.watch(() => {
      told = true;
    });
    // No other commit follows: b is told now (not synchronously inside `watch`), or never.
    expect(told).toBe(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(told).toBe(true);
    expect((await b.reload()).version).not.toBe(vb);
    await b.close();
    await c.close();
    await a.destroy();
  });

  /** Resolves at the engine's next report of another engine's commit. */
  const nextReport = (engine: IndexedDbEngine) =>
    new Promise<void>((resolve) => {
      const unwatch = engine.watch(() => {
        unwatch();
        resolve();
      });
    });

  it('cached records follow another engine’s commits, heard or not', async () => {
    const name = freshName();
    const a = new IndexedDbEngine({ name });
    const b = new IndexedDbEngine({ name });
    const va = (await a.open()).version;
    await b.open();
    // b hears of this first commit too: wait for that message, or it could be taken for the
    // second commit's below (it may arrive after the watch for the second is set).
    const heardFirst = nextReport(b);
    const v1 = await a.commit({ putDocs: [docRecord('x', 1)] }, va);
    await heardFirst;
    // b reads x (and learns every key), so it has both in memory now.
    expect((await b.getDocs(['x', 'new']))[0]?.seq).toBe(1);
    expect(await b.getLocal('_local/l')).toBeUndefined();
    const heard = nextReport(b);
    const local = { id: '_local/l', rev: '0-1', body: { n: 1 } };
    const b2 = await a.commit(
      { putDocs: [docRecord('x', 2), docRecord('new', 3)], putLocals: [local] },
      v1,
    );
    await heard;
    // Heard: b's cache followed a's commit (x changed, `new` and the local doc now exist).
    expect((await b.getDocs(['x', 'new'])).map((r) => r?.seq)).toEqual([2, 3]);
    expect(await b.getLocal('_local/l')).toEqual(local);
    // Not heard (a write behind every engine's back, as a missed message would leave it):
    // b's next commit is refused, and the reload that follows drops what b had cached.
    await rawWrite(name, docRecord('x', 4));
    const stale = await b.commit({ putDocs: [docRecord('y', 5)] }, b2).catch((e: unknown) => e);
    expect(isEngineConflict(stale)).toBe(true);
    await b.reload();
    expect((await b.getDocs(['x', 'y'])).map((r) => r?.seq)).toEqual([4, undefined]);
    await b.close();
    await a.destroy();
  });

  it('scans answered from memory match the store, after own and other engines’ commits', async () => {
    const name = freshName();
    const a = new IndexedDbEngine({ name });
    const b = new IndexedDbEngine({ name });
    let va = (await a.open()).version;
    await b.open();
    const ids = ['d', 'b', 'f', 'a', 'e', 'c'];
    va = await a.commit(
      {
        putDocs: ids.map((id, i) => docRecord(id, i + 1)),
        putSeqs: ids.map((id, i) => ({ seq: i + 1, id })),
      },
      va,
    );
    const heard = new Promise<void>((resolve) => b.watch(() => resolve()));
    // Another engine's commit replaces 'b' at seq 7 and drops 'e' and its seq.
    await a.commit(
      {
        putDocs: [docRecord('b', 7)],
        deleteDocs: ['e'],
        putSeqs: [{ seq: 7, id: 'b' }],
        deleteSeqs: [2, 5],
      },
      va,
    );
    await heard;
    const fresh = new IndexedDbEngine({ name });
    await fresh.open();
    // a answers from what its commits cached, b from what it heard, `fresh` from the store.
    for (const engine of [a, b, fresh]) {
      for (const range of [{}, { gt: 'a', lte: 'd' }, { reverse: true, limit: 2 }]) {
        const scanned = await engine.scanDocs(range);
        expect(scanned.map((r) => `${r.id}${r.seq}`)).toEqual(
          (await fresh.scanDocs(range)).map((r) => `${r.id}${r.seq}`),
        );
      }
      expect(await engine.scanSeqs({ since: 1 })).toEqual([
        { seq: 3, id: 'f' },
        { seq: 4, id: 'a' },
        { seq: 6, id: 'c' },
        { seq: 7, id: 'b' },
      ]);
      expect(await engine.scanSeqs({ before: 7, reverse: true, limit: 2 })).toEqual([
        { seq: 6, id: 'c' },
        { seq: 4, id: 'a' },
      ]);
    }
    expect((await fresh.scanDocs({})).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'f']);
    await Promise.all([b.close(), fresh.close()]);
    await a.destroy();
  });

  it('a winner’s body lives in its record and moves to revs when the winner changes', async () => {
    const name = freshName();
    const a = new IndexedDbEngine({ name });
    let version = (await a.open()).version;
    const rec = (winningRev: string, seq: number) => ({ ...docRecord('x', seq), winningRev });
    const body = (n: number) => ({ n });
    version = await a.commit(
      { putDocs: [rec('1-a', 1)], putRevs: [{ id: 'x', rev: '1-a', body: body(1) }] },
      version,
    );
    // Read back by an engine that has nothing cached, after each step.
    const bodies = async (revs: string[]) => {
      const cold = new IndexedDbEngine({ name });
      await cold.open();
      const found = await cold.getRevs(revs.map((rev) => ({ id: 'x', rev })));
      await cold.close();
      return found;
    };
    expect(await bodies(['1-a'])).toEqual([body(1)]);
    // The new winner's body goes in the record, the former winner's to revs.
    version = await a.commit(
      { putDocs: [rec('2-b', 2)], putRevs: [{ id: 'x', rev: '2-b', body: body(2) }] },
      version,
    );
    expect(await bodies(['1-a', '2-b'])).toEqual([body(1), body(2)]);
    // Rewritten by an engine that must read the old record in its commit (nothing cached).
    const b = new IndexedDbEngine({ name });
    const vb = (await b.open()).version;
    version = await b.commit(
      {
        putDocs: [rec('3-c', 3)],
        putRevs: [{ id: 'x', rev: '3-c', body: body(3) }],
        deleteRevs: [{ id: 'x', rev: '1-a' }],
      },
      vb,
    );
    expect(await bodies(['1-a', '2-b', '3-c'])).toEqual([undefined, body(2), body(3)]);
    // The record kept, its held body deleted (a batch may leave a winner without a body).
    await b.commit({ deleteRevs: [{ id: 'x', rev: '3-c' }] }, version);
    expect(await bodies(['2-b', '3-c'])).toEqual([body(2), undefined]);
    const cold = new IndexedDbEngine({ name });
    await cold.open();
    expect((await cold.getDocs(['x']))[0]?.winningRev).toBe('3-c');
    await Promise.all([b.close(), cold.close()]);
    await a.destroy();
  });

  it('refuses a database written in a newer stored format, saying so', async () => {
    const name = freshName();
    const engine = new IndexedDbEngine({ name });
    await engine.open();
    await engine.close();
    await rawState(name, (state) => ({ ...state, format: 99 }));
    const newer = new IndexedDbEngine({ name });
    const err = await newer.open().catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 500, name: 'indexed_db_went_bad' });
    expect((err as { reason: string }).reason).toMatch(/format 99, from a newer Satchel.*up to 3/);
    await newer.destroy();
  });

  it('a commit is refused when the state it knows had its format rewritten, then the reload says why', async () => {
    const name = freshName();
    const engine = new IndexedDbEngine({ name });
    const { version } = await engine.open();
    // A newer Satchel opening the database rewrites the format, not the version token.
    await rawState(name, (state) => ({ ...state, format: 99 }));
    const refusal = await engine
      .commit({ putDocs: [docRecord('x', 1)] }, version)
      .catch((e: unknown) => e);
    expect(isEngineConflict(refusal)).toBe(true);
    const err = await engine.reload().catch((e: unknown) => e);
    expect((err as { reason: string }).reason).toMatch(/format 99, from a newer Satchel/);
    await engine.destroy();
  });

  it('a commit whose value cannot be stored fails whole: none of its writes stay', async () => {
    const name = freshName();
    const engine = new IndexedDbEngine({ name });
    const { version } = await engine.open();
    // Local bodies are stored as JSON text: a BigInt has none.
    const local = { id: '_local/f', rev: '0-1', body: { n: 1n } as never };
    const failed = await engine
      .commit({ putDocs: [docRecord('x', 1)], putLocals: [local] }, version)
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ status: 500, name: 'indexed_db_went_bad' });
    const other = new IndexedDbEngine({ name });
    expect((await other.open()).version).toEqual(version);
    expect(await other.getDocs(['x'])).toEqual([undefined]);
    await other.close();
    // The state is as before: the same engine's next commit on `version` goes through.
    expect(await engine.commit({ putDocs: [docRecord('y', 1)] }, version)).not.toEqual(version);
    await engine.destroy();
  });

  it('stores a _local document nested 10,000 levels deep, and reads local records of format 2', async () => {
    const name = freshName();
    const engine = new IndexedDbEngine({ name });
    const { version } = await engine.open();
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    const local = { id: '_local/deep', rev: '0-1', body: { v: deep } };
    await engine.commit({ putLocals: [local] }, version);
    // Format 2 kept the body object itself (structured cloning refuses it past a few thousand
    // levels): such a record, written before this engine opened, still reads.
    const old = { id: '_local/old', rev: '0-3', body: { kept: [1, { x: null }] } };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction('locals', 'readwrite');
    tx.objectStore('locals').put(old);
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
    db.close();
    const cold = new IndexedDbEngine({ name });
    await cold.open();
    const read = await cold.getLocal('_local/deep');
    expect(read?.rev).toBe('0-1');
    let depth = 0;
    let node = read?.body.v as { d?: unknown } | undefined;
    for (; node?.d; depth++) node = node.d as { d?: unknown };
    expect([depth, node]).toEqual([10_000, { leaf: true }]);
    expect(await cold.getLocal('_local/old')).toEqual(old);
    // Each read is the caller's own copy.
    const first = await cold.getLocal('_local/old');
    (first?.body.kept as unknown[] | undefined)?.push(2);
    expect(first?.body.kept).toEqual([1, { x: null }, 2]);
    expect(await cold.getLocal('_local/old')).toEqual(old);
    await cold.close();
    await engine.destroy();
  });

  it('a full disk or a refusing browser gives PouchDB’s indexed_db_went_bad error', () => {
    const quota = idbError(new DOMException('full', 'QuotaExceededError'), 'commit');
    expect(quota).toMatchObject({ status: 500, name: 'indexed_db_went_bad', error: true });
    expect(quota.reason).toMatch(/QuotaExceededError during commit.*quota/);
    const refused = idbError(new DOMException('no', 'InvalidStateError'), 'open');
    expect(refused.reason).toMatch(/private window/);
  });
});

describe('indexeddb adapter', () => {
  it('is registered as indexeddb and idb, and stores under satchel/<prefix><name>', async () => {
    const name = freshName();
    const db = new Satchel(name, { adapter: 'idb' });
    await db.put({ _id: 'a' });
    expect(db.adapter).toBe('idb');
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).toContain(indexedDbName(`_pouch_${name}`));
    const again = new Satchel(name, { adapter: 'indexeddb' });
    expect(again.adapter).toBe('indexeddb');
    expect((await again.get('a'))._id).toBe('a');
    await db.destroy();
  });

  it('a live feed hears of an outside write even when a refused commit reloaded it first', async () => {
    const name = freshName();
    // Two adapter names: two LocalAdapters (two writers) over one IndexedDB database.
    const a = new Satchel(name, { adapter: 'idb' });
    const b = new Satchel(name, { adapter: 'indexeddb' });
    await Promise.all([a.info(), b.info()]);
    const seen: string[] = [];
    const feed = b.changes({ live: true, since: 'now' }).on('change', (c: { id: string }) => {
      seen.push(c.id);
    });
    const { rev } = await a.put({ _id: 'x' });
    // b writes at once on its stale version: refused, reloaded, and then a no-op.
    await b.bulkDocs([{ _id: 'x', _rev: rev }], { new_edits: false });
    const until = Date.now() + 5000;
    while (!seen.includes('x') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    feed.cancel();
    expect(seen).toContain('x');
    await a.destroy();
  });

  it('binary: true gives Blobs in the browser', async () => {
    const db = new Satchel(freshName(), { adapter: 'indexeddb' });
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await db.putAttachment(
      'doc',
      'a.bin',
      new Blob([bytes], { type: 'application/x-test' }),
      'application/x-test',
    );
    const blob = (await db.getAttachment('doc', 'a.bin')) as Blob;
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.type).toBe('application/x-test');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    const doc = await db.get('doc', { attachments: true, binary: true });
    const inline = doc._attachments?.['a.bin'] as { data?: unknown } | undefined;
    expect(inline?.data).toBeInstanceOf(Blob);
    await db.destroy();
  });
});
