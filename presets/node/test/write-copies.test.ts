import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Satchel from '../src/index.js';
import { PouchDB, pouchOptions } from './pouchdb-oracle.js';

// A write takes its documents as they are when it is called: PouchDB deep-copies them first.
// Satchel copies only their top level and serialises them during the call (nested objects are
// read once and never kept), so the caller changing a nested object right after the call must
// change nothing of what is written, nor its revision.

const dir = mkdtempSync(join(tmpdir(), 'satchel-write-copies-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
type Db = InstanceType<typeof Satchel>;
// Opened first: calls made before the database is ready are copied whole at the call instead
// (call-before-open.test.ts).
const ready = async <T extends { info(): Promise<unknown> }>(db: T): Promise<T> => {
  await db.info();
  return db;
};
const stores: [string, () => Promise<Db>][] = [
  ['memory', () => ready(new Satchel(`write-copies-${n++}`, { adapter: 'memory' }))],
  ['leveldb', () => ready(new Satchel(join(dir, `db-${n++}`)))],
];
const pouch = () => ready(new PouchDB(`write-copies-pouch-${n++}`, pouchOptions));

/** A document with nested objects, and a function changing them (as a caller might). */
function nestedDoc(id: string) {
  const inner = { x: 1, list: [1, 2], deeper: { s: 'a' } };
  const doc = { _id: id, title: 't', inner };
  const change = () => {
    inner.x = 2;
    inner.list.push(3);
    inner.deeper.s = 'changed';
    (inner as Record<string, unknown>).added = true;
  };
  return { doc, change };
}

const original = { x: 1, list: [1, 2], deeper: { s: 'a' } };

/** The stored `inner` member of a document. */
const innerOf = async (db: Db, id: string): Promise<unknown> =>
  ((await db.get(id)) as { inner?: unknown }).inner;

describe.each(stores)('documents written on %s', (_name, open) => {
  it('bulkDocs and put store the documents as they were at the call', async () => {
    const db = await open();
    const oracle = await pouch();
    const revs: string[][] = [];
    for (const target of [db, oracle] as const) {
      const a = nestedDoc('a');
      const b = nestedDoc('b');
      const writing = (target as Db).bulkDocs([a.doc, b.doc]);
      a.change();
      b.change();
      const c = nestedDoc('c');
      const putting = (target as Db).put(c.doc);
      c.change();
      const rows = await writing;
      revs.push([...rows.map((r) => ('rev' in r ? (r.rev ?? '') : '')), (await putting).rev ?? '']);
    }
    expect(revs[0]).toEqual(revs[1]);
    for (const id of ['a', 'b', 'c']) {
      expect(await db.get(id)).toEqual(await oracle.get(id));
      expect(await innerOf(db, id)).toEqual(original);
    }
    await db.destroy();
    await oracle.destroy();
  });

  it('post leaves the caller’s document without an _id and stores it as called', async () => {
    const db = await open();
    const { doc, change } = nestedDoc('');
    const caller = { title: 't', inner: doc.inner };
    const posting = db.post(caller);
    change();
    const { id } = await posting;
    expect(caller).toEqual({ title: 't', inner: doc.inner });
    expect(await db.get(id)).toMatchObject({ title: 't', inner: original });
    await db.destroy();
  });

  it('a document written again after its deletion gets PouchDB’s revision from the call', async () => {
    const db = await open();
    const oracle = await pouch();
    const revs: string[] = [];
    for (const target of [db, oracle] as const) {
      const first = await (target as Db).put({ _id: 'r', inner: { x: 0 } });
      await (target as Db).remove('r', first.rev as string);
      const { doc, change } = nestedDoc('r');
      const writing = (target as Db).bulkDocs([doc]);
      change();
      const [row] = await writing;
      revs.push(row && 'rev' in row ? (row.rev ?? '') : '');
    }
    expect(revs[0]).toBe(revs[1]);
    expect(await innerOf(db, 'r')).toEqual(original);
    await db.destroy();
    await oracle.destroy();
  });

  it('a _local document is stored as it was at the call', async () => {
    const db = await open();
    const { doc, change } = nestedDoc('_local/l');
    const writing = db.put(doc);
    change();
    await writing;
    expect(await innerOf(db, '_local/l')).toEqual(original);
    await db.destroy();
  });

  it('a _local document keeps what JSON keeps, as in pouchdb@9', async () => {
    const db = await open();
    const oracle = await pouch();
    const read: unknown[] = [];
    for (const target of [db, oracle] as const) {
      const doc = { _id: '_local/j', f: () => 1, u: undefined, n: Number.NaN, d: new Date(0) };
      await (target as Db).put(doc as never);
      read.push(await (target as Db).get('_local/j'));
    }
    expect(read[0]).toEqual({ _id: '_local/j', _rev: '0-1', n: null, d: new Date(0).toJSON() });
    expect(read[0]).toStrictEqual(read[1]);
    await db.destroy();
    await oracle.destroy();
  });

  it('reads each nested member once per write, and never writes to nested objects', async () => {
    const db = await open();
    let reads = 0;
    const inner = Object.freeze({
      get v() {
        reads += 1;
        return 1;
      },
    });
    const list = Object.freeze([Object.freeze({ k: 'x' })]);
    await db.bulkDocs([{ _id: 'g', inner, list }]);
    // Serialised once for its revision hash and its stored text alike; not copied first.
    expect(reads).toBe(1);
    expect(await db.get('g')).toMatchObject({ inner: { v: 1 }, list: [{ k: 'x' }] });
    await db.destroy();
  });

  it('drops undefined members as PouchDB does, and reads each top-level member once', async () => {
    const db = await open();
    const oracle = await pouch();
    const revs: string[] = [];
    for (const target of [db, oracle] as const) {
      const doc = { _id: 'u', _foo: undefined, a: undefined, b: 1, _rev: undefined };
      revs.push((await (target as Db).put(doc as never)).rev ?? '');
    }
    expect(revs[0]).toBe(revs[1]);
    let reads = 0;
    const doc = {
      _id: 't',
      get v() {
        reads += 1;
        return 1;
      },
    };
    await db.put(doc);
    expect(reads).toBe(1);
    expect(await db.get('t')).toMatchObject({ v: 1 });
    await db.destroy();
    await oracle.destroy();
  });

  it('gives PouchDB’s revision to text naming __proto__ (the check’s false alarm)', async () => {
    const db = await open();
    const oracle = await pouch();
    const doc = () => ({ _id: 's', note: '"__proto__": x', inner: { k: '__proto__' } });
    const [mine, theirs] = [await db.put(doc()), await oracle.put(doc())];
    expect(mine.rev).toBe(theirs.rev);
    expect(await db.get('s')).toEqual(await oracle.get('s'));
    await db.destroy();
    await oracle.destroy();
  });

  it('drops a nested own __proto__ member, as a copy of the document does', async () => {
    const db = await open();
    const withProto = JSON.parse('{"_id":"p","inner":{"__proto__":{"polluted":1},"v":1}}');
    const { rev } = await db.put(withProto);
    const plain = await open();
    const expected = await plain.put({ _id: 'p', inner: { v: 1 } });
    expect(rev).toBe(expected.rev);
    const inner = (await innerOf(db, 'p')) as object;
    expect(Object.hasOwn(inner, '__proto__')).toBe(false);
    expect(inner).toEqual({ v: 1 });
    await db.destroy();
    await plain.destroy();
  });
});
