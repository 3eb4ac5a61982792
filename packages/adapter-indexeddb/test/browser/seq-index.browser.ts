// Runs in Chromium: by-seq entries carried by document records (schema version 2), the
// upgrade of a version-1 database, and what a write costs in IndexedDB requests.
import { Satchel } from '@satchel/core';
import { afterEach, describe, expect, it } from 'vitest';
import { IndexedDbAdapterPlugin, IndexedDbEngine, indexedDbName } from '../../src/index.js';

Satchel.plugin(IndexedDbAdapterPlugin);

let n = 0;
const freshName = () => `seq-index-${Date.now()}-${n++}`;
const record = (id: string, seq: number) => ({
  id,
  rev_tree: [{ pos: 1, ids: ['a', { status: 'available' }, []] as never }],
  winningRev: '1-a',
  deleted: false,
  seq,
});

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
}

function openRaw(name: string, version?: number, upgrade?: (db: IDBDatabase) => void) {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => upgrade?.(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Writes, with raw IndexedDB calls, a database as schema version 1 left it: stores without the
 * seq index, format-2 records (winner's body inline, no `seq` property), every by-seq entry in
 * `seqs`. Documents a (seq 1), b (seq 3, second revision), c (seq 4, deleted).
 */
async function writeVersion1(name: string): Promise<void> {
  const db = await openRaw(name, 1, (created) => {
    created.createObjectStore('docs');
    created.createObjectStore('revs');
    created.createObjectStore('seqs', { keyPath: 'seq' });
    created.createObjectStore('attachments', { keyPath: 'digest' });
    created.createObjectStore('attachmentData');
    created.createObjectStore('locals', { keyPath: 'id' });
    created.createObjectStore('meta');
  });
  const tx = db.transaction(['docs', 'revs', 'seqs', 'meta'], 'readwrite');
  const put = (id: string, seq: number, revs: string[], body: object, deleted = false) => {
    const [pos, hash] = revs.at(-1)!.split('-');
    let tree: unknown[] = [hash, { status: 'available', ...(deleted ? { deleted } : {}) }, []];
    for (const rev of revs.slice(0, -1).reverse())
      tree = [rev.split('-')[1], { status: 'missing' }, [tree]];
    const record = {
      id,
      rev_tree: [{ pos: Number(pos) - revs.length + 1, ids: tree }],
      winningRev: revs.at(-1),
      deleted,
      seq,
    };
    tx.objectStore('docs').put([JSON.stringify(record), JSON.stringify(body), revs.at(-1)], id);
    tx.objectStore('seqs').put({ seq, id });
  };
  put('a', 1, ['1-aa'], { v: 'a' });
  put('b', 3, ['1-bb', '2-bc'], { v: 'b2' });
  put('c', 4, ['1-cc', '2-cd'], { _deleted: true }, true);
  tx.objectStore('meta').put(
    { meta: { updateSeq: 4, docCount: 2, uuid: 'old-layout' }, version: 9, format: 2 },
    'state',
  );
  await done(tx);
  db.close();
}

async function rawContents(name: string) {
  const db = await openRaw(name);
  const tx = db.transaction(['docs', 'seqs'], 'readonly');
  const docs = tx.objectStore('docs');
  const stored = docs.getAll();
  const carried = docs.index('seq').getAllKeys();
  const seqs = tx.objectStore('seqs').getAllKeys();
  await done(tx);
  db.close();
  return {
    version: db.version,
    carried: (stored.result as { seq?: number }[]).map((v) => v.seq),
    indexed: carried.result,
    seqs: seqs.result,
  };
}

const feed = async (db: Satchel, since = 0) =>
  (await db.changes({ since })).results.map((c) => [c.id, c.seq, c.changes[0]!.rev]);

describe('by-seq entries in records (schema version 2)', () => {
  it('upgrades a version-1 database: same changes, allDocs and update_seq, then one entry per doc', async () => {
    const name = freshName();
    await writeVersion1(indexedDbName(`_pouch_${name}`));
    const db = new Satchel(name, { adapter: 'indexeddb' });
    const before = [
      ['a', 1, '1-aa'],
      ['b', 3, '2-bc'],
      ['c', 4, '2-cd'],
    ];
    expect(await feed(db)).toEqual(before);
    expect(await feed(db, 1)).toEqual(before.slice(1));
    expect((await db.changes({ descending: true, limit: 2 })).results.map((c) => c.id)).toEqual([
      'c',
      'b',
    ]);
    const all = await db.allDocs<{ v: string }>({ include_docs: true });
    expect(all.rows.map((r) => [r.id, r.value.rev, r.doc?.v])).toEqual([
      ['a', '1-aa', 'a'],
      ['b', '2-bc', 'b2'],
    ]);
    const info = await db.info();
    expect([info.update_seq, info.doc_count]).toEqual([4, 2]);
    expect(await rawContents(indexedDbName(`_pouch_${name}`))).toMatchObject({
      version: 2,
      indexed: [],
      seqs: [1, 3, 4],
    });

    // A later update of an old document: its entry moves into its record, and shows once.
    const { rev } = await db.put({ _id: 'a', _rev: '1-aa', v: 'a2' });
    await db.put({ _id: 'n', v: 'new' });
    const after = [
      ['b', 3, '2-bc'],
      ['c', 4, '2-cd'],
      ['a', 5, rev],
      ['n', 6, expect.any(String)],
    ];
    expect(await feed(db)).toEqual(after);
    expect(await feed(db, 4)).toEqual(after.slice(2));
    expect((await db.info()).update_seq).toBe(6);
    const raw = await rawContents(indexedDbName(`_pouch_${name}`));
    expect(raw.seqs).toEqual([3, 4]);
    expect(raw.indexed.sort()).toEqual(['a', 'n']);
    await db.close();

    // A new engine reads it all from IndexedDB.
    const again = new Satchel(name, { adapter: 'indexeddb' });
    expect(await feed(again)).toEqual(after);
    expect((await again.changes({ since: 3, limit: 2 })).results.map((c) => c.seq)).toEqual([4, 5]);
    await again.destroy();
  });

  it('a version-1 connection in another tab is asked to close, and the upgrade goes on', async () => {
    const name = freshName();
    await writeVersion1(indexedDbName(`_pouch_${name}`));
    const old = await openRaw(indexedDbName(`_pouch_${name}`), 1);
    let asked = false;
    old.onversionchange = () => {
      asked = true;
      old.close();
    };
    const db = new Satchel(name, { adapter: 'indexeddb' });
    expect((await db.info()).update_seq).toBe(4);
    expect(asked).toBe(true);
    await db.destroy();
  });
});

describe('by-seq entries the contract allows apart from records', () => {
  it('keeps each seq once through compaction, re-puts, deletes and purges', async () => {
    const name = freshName();
    const a = new IndexedDbEngine({ name });
    let v = (await a.open()).version;
    const scan = async (engine: IndexedDbEngine) =>
      (await engine.scanSeqs({})).map((e) => `${e.seq}:${e.id}`);
    v = await a.commit(
      {
        putDocs: [record('x', 1), record('y', 2), record('z', 3)],
        putSeqs: [
          { seq: 1, id: 'x' },
          { seq: 2, id: 'y' },
          { seq: 3, id: 'z' },
          { seq: 9, id: 'nobody' },
        ],
      },
      v,
    );
    // x rewritten with no seq change (compaction): it keeps its entry.
    v = await a.commit({ putDocs: [{ ...record('x', 1), winningRev: '1-a' }] }, v);
    // Seq 2, carried by y, now names w; seq 3, carried by z, is deleted while z stays.
    v = await a.commit({ putSeqs: [{ seq: 2, id: 'w' }], deleteSeqs: [3] }, v);
    // x is deleted, its entry kept (a batch with no seq of its own); y's new entry 10.
    v = await a.commit({ deleteDocs: ['x'] }, v);
    v = await a.commit({ putDocs: [record('y', 10)], putSeqs: [{ seq: 10, id: 'y' }] }, v);
    const expected = ['1:x', '2:w', '9:nobody', '10:y'];
    expect(await scan(a)).toEqual(expected);
    const b = new IndexedDbEngine({ name });
    await b.open();
    expect(await scan(b)).toEqual(expected);
    expect(
      (await b.scanSeqs({ since: 1, before: 10, reverse: true, limit: 1 })).map((e) => e.seq),
    ).toEqual([9]);
    await b.close();
    await a.destroy();
  });

  it('a batch putting one seq twice keeps the put it makes last, once', async () => {
    const name = freshName();
    const a = new IndexedDbEngine({ name });
    let v = (await a.open()).version;
    v = await a.commit(
      {
        putDocs: [record('a', 40), record('b', 40)],
        putSeqs: [
          { seq: 40, id: 'a' },
          { seq: 40, id: 'b' },
        ],
      },
      v,
    );
    expect(await a.scanSeqs({})).toEqual([{ seq: 40, id: 'b' }]);
    const b = new IndexedDbEngine({ name });
    await b.open();
    expect(await b.scanSeqs({})).toEqual([{ seq: 40, id: 'b' }]);
    await b.close();
    await a.destroy();
  });
});

/** Counts IndexedDB requests by `store.method` (index requests as `store.index.method`). */
const counted = new Map<string, number>();
/**
 * The same calls in order, each marked `(later)` when made after the code that opened the last
 * transaction gave control back (in a request's callback, or after an await).
 */
const calls: string[] = [];
let openingRun = false;
const call = (key: string) => {
  counted.set(key, (counted.get(key) ?? 0) + 1);
  calls.push(openingRun ? key : `${key} (later)`);
};
const METHODS = [
  'get',
  'getAll',
  'getAllKeys',
  'getKey',
  'put',
  'add',
  'delete',
  'count',
  'openCursor',
  'openKeyCursor',
] as const;
const originals: [object, string, unknown][] = [];
function countRequests(): void {
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
    for (const method of METHODS) {
      const original = (proto as unknown as Record<string, unknown>)[method];
      if (typeof original !== 'function') continue;
      originals.push([proto, method, original]);
      (proto as unknown as Record<string, unknown>)[method] = function (
        this: IDBObjectStore | IDBIndex,
        ...args: unknown[]
      ) {
        const where = 'objectStore' in this ? `${this.objectStore.name}.${this.name}` : this.name;
        call(`${where}.${method}`);
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      };
    }
  }
}
/** Also counts transactions (`tx.<mode>`, `tx.<mode>.stores`) and `commit()` calls. */
function countTransactions(): void {
  const proto = IDBDatabase.prototype as unknown as Record<string, unknown>;
  const transaction = proto.transaction as IDBDatabase['transaction'];
  originals.push([proto, 'transaction', transaction]);
  proto.transaction = function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    const [stores, mode = 'readonly'] = args;
    const bump = (key: string, by = 1) => counted.set(key, (counted.get(key) ?? 0) + by);
    openingRun = true;
    queueMicrotask(() => {
      openingRun = false;
    });
    call(`tx.${mode}`);
    bump(`tx.${mode}.stores`, typeof stores === 'string' ? 1 : [...stores].length);
    return transaction.apply(this, args);
  };
  const txProto = IDBTransaction.prototype as unknown as Record<string, unknown>;
  const commit = txProto.commit as () => void;
  originals.push([txProto, 'commit', commit]);
  txProto.commit = function (this: IDBTransaction) {
    call('tx.commit()');
    return commit.call(this);
  };
}
afterEach(() => {
  counted.clear();
  calls.length = 0;
  for (const [proto, method, original] of originals.splice(0)) {
    (proto as Record<string, unknown>)[method] = original;
  }
});

/**
 * What one commit writing `records` document records asks of IndexedDB: one readwrite
 * transaction (its scope: `meta`, `docs`, `revs`, `seqs`), committed by `commit()` once its
 * writes are issued; the state read and written, a put per record.
 */
const oneCommit = (records: number) => ({
  'tx.readwrite': 1,
  'tx.readwrite.stores': 4,
  'tx.commit()': 1,
  'meta.get': 1,
  'meta.put': 1,
  'docs.put': records,
});

describe('requests per write', () => {
  it('writing or updating N documents costs N record puts, nothing for their by-seq entries', async () => {
    const db = new Satchel(freshName(), { adapter: 'indexeddb' });
    await db.info();
    countRequests();
    countTransactions();
    const docs = Array.from({ length: 20 }, (_, i) => ({ _id: `d${i}`, v: i }));
    const written = await db.bulkDocs(docs);
    const created = Object.fromEntries(counted);
    counted.clear();
    await db.bulkDocs(docs.map((d, i) => ({ ...d, _rev: written[i]!.rev, v: -i })));
    const updated = Object.fromEntries(counted);
    counted.clear();
    // One commit each, one readwrite transaction asked to commit once its writes are issued,
    // no read transaction (the update's current records come from the engine's cache): the
    // state read and written, one put per document record; an update also moves the former
    // winner's body out of the record (to `revs`). Nothing in `seqs`.
    const commit = oneCommit(20);
    expect(created).toEqual(commit);
    expect(updated).toEqual({ ...commit, 'revs.put': 20 });
    const changes = await db.changes();
    expect(changes.results.map((c) => c.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 21 + i));
    await db.destroy();
  });

  it('a post, and a get then put of it, are one readwrite transaction each, committed as soon as issued', async () => {
    const db = new Satchel(freshName(), { adapter: 'indexeddb' });
    await db.info();
    countRequests();
    countTransactions();
    const { id } = await db.post({ v: 1 });
    const posted = Object.fromEntries(counted);
    counted.clear();
    const doc = await db.get<{ v: number }>(id);
    await db.put({ ...doc, v: 2 });
    const updated = Object.fromEntries(counted);
    // The state read, then the writes, then `commit()` without waiting for their answers; no
    // read transaction (the engine's cache knows the record written and the state's seqTop).
    const commit = oneCommit(1);
    expect(posted).toEqual(commit);
    expect(updated).toEqual({ ...commit, 'revs.put': 1 });
    expect((await db.get<{ v: number }>(id)).v).toBe(2);
    await db.destroy();
  });

  it('a commit on a state the engine knows issues its writes with the state read, commit() once it agrees', async () => {
    const db = new Satchel(freshName(), { adapter: 'indexeddb' });
    await db.info();
    countRequests();
    countTransactions();
    const { id, rev } = await db.post({ v: 1 });
    const posted = calls.splice(0);
    await db.put({ _id: id, _rev: rev, v: 2 });
    const updated = calls.splice(0);
    // The writes do not wait for the state read's answer; only `commit()` does (the state this
    // engine wrote is what the read must find, or the transaction aborts).
    const shape = (...writes: string[]) =>
      ['tx.readwrite', 'meta.get', 'meta.put', ...writes, 'tx.commit() (later)'].join(', ');
    expect(posted.join(', '), posted.join(', ')).toEqual(shape('docs.put'));
    // An update also moves the former winner's body to `revs`.
    expect(updated.join(', '), updated.join(', ')).toEqual(shape('revs.put', 'docs.put'));
    await db.destroy();
  });

  it('above maxKnownKeys ids are remembered one by one: no key list per read, a new id read once is not read again to write it', async () => {
    const name = freshName();
    const a = new IndexedDbEngine({ name });
    const docs = ['x', 'y', 'z'].map((id, i) => record(id, i + 1));
    await a.commit({ putDocs: docs }, (await a.open()).version);
    await a.close();
    const b = new IndexedDbEngine({ name, maxKnownKeys: 2 });
    const { version } = await b.open();
    countRequests();
    countTransactions();
    const read = async (id: string) => {
      const [found] = await b.getDocs([id]);
      // (A read's requests are made after an await: when, does not matter here.)
      return [found?.seq, calls.splice(0).join(', ').replaceAll(' (later)', '')];
    };
    // The first read tries to learn every key, and finds them too many (3 > 2) ...
    const first = 'tx.readonly, meta.get, docs.getAllKeys, docs.get';
    expect(await read('x')).toEqual([1, first]);
    // ... so later reads do not list them again; an absent id is remembered as absent ...
    expect(await read('new')).toEqual([undefined, 'tx.readonly, meta.get, docs.get']);
    expect(await read('new')).toEqual([undefined, '']);
    // ... and writing it reads nothing more than the state.
    await b.commit({ putDocs: [record('new', 4)], putSeqs: [{ seq: 4, id: 'new' }] }, version);
    const commit = 'tx.readwrite, meta.get, meta.put, docs.put, tx.commit() (later)';
    expect(calls.splice(0).join(', ')).toEqual(commit);
    expect(await read('new')).toEqual([4, '']);
    await b.destroy();
  });

  it('a commit on a state the engine does not know reads it first, then writes', async () => {
    const name = freshName();
    const a = new IndexedDbEngine({ name });
    const b = new IndexedDbEngine({ name });
    const va = (await a.open()).version;
    await b.open();
    countRequests();
    countTransactions();
    // b never read or wrote the state at v1: its writes wait for the read.
    const v1 = await a.commit({ putDocs: [record('x', 1)], putSeqs: [{ seq: 1, id: 'x' }] }, va);
    calls.length = 0;
    await b.commit({ putDocs: [record('y', 2)], putSeqs: [{ seq: 2, id: 'y' }] }, v1);
    // (b's cache does not describe v1 either: it reads y's record, in the same transaction.)
    const expected = ['meta.put', 'docs.get', 'docs.put', 'tx.commit()'].map((c) => `${c} (later)`);
    expect(calls.join(', '), calls.join(', ')).toEqual(
      ['tx.readwrite', 'meta.get', ...expected].join(', '),
    );
    expect((await a.reload()).version).not.toEqual(v1);
    await a.close();
    await b.destroy();
  });
});
