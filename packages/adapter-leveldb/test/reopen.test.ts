import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Satchel } from '@satchel/core';
import { MemoryLevel } from 'memory-level';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryEngine, LeveldbAdapterPlugin } from '../src/index.js';
import { buildChild, runChild } from './helpers/child-process.js';

Satchel.plugin(LeveldbAdapterPlugin);

let bundle: { path: string; remove: () => Promise<void> };
let dir = '';
let counter = 0;
const freshDir = () => join(dir, `db-${++counter}`);

beforeAll(async () => {
  bundle = await buildChild();
  dir = await mkdtemp(join(tmpdir(), 'satchel-reopen-'));
});

afterAll(async () => {
  await bundle?.remove();
  await rm(dir, { recursive: true, force: true });
});

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** What must survive a reopen: documents, local docs, update_seq, doc_count and uuid. */
async function snapshot(db: Satchel) {
  const info = await db.info();
  return {
    uuid: await db.id(),
    update_seq: info.update_seq,
    doc_count: info.doc_count,
    rows: (await db.allDocs({ include_docs: true })).rows,
    local: await db.get('_local/marker').catch(() => undefined),
  };
}

async function writeSome(db: Satchel, from: number, n: number): Promise<void> {
  const docs = Array.from({ length: n }, (_, i) => ({
    _id: `doc-${String(from + i).padStart(5, '0')}`,
    i,
  }));
  await db.bulkDocs(docs);
  const doc = await db.get('doc-00000');
  await db.put({ ...doc, edited: from });
  const gone = await db.get(`doc-${String(from + 1).padStart(5, '0')}`);
  await db.remove(gone._id, gone._rev);
}

describe('reopen in the same process', () => {
  it('gives back the same data, update_seq and uuid', async () => {
    const name = freshDir();
    const db = new Satchel(name, { adapter: 'leveldb' });
    await writeSome(db, 0, 20);
    await db.put({ _id: '_local/marker', n: 1 });
    const before = await snapshot(db);
    expect(before.update_seq).toBe(22);
    expect(before.doc_count).toBe(19);
    await db.close();

    const again = new Satchel(name, { adapter: 'leveldb' });
    expect(await snapshot(again)).toEqual(before);
    await again.close();
  });

  it('reopens at once after a close that was not awaited', async () => {
    const name = freshDir();
    const db = new Satchel(name, { adapter: 'leveldb' });
    await db.put({ _id: 'a' });
    const closing = db.close();
    const again = new Satchel(name, { adapter: 'leveldb' });
    expect((await again.get('a'))._id).toBe('a');
    await closing;
    await again.close();
  });

  it('opens an engine only after the previous one on its directory closed or was destroyed', async () => {
    const name = freshDir();
    const first = new DirectoryEngine(name);
    (await first.open()).meta;
    const closing = first.close();
    // Without the handoff this open would race the close and hit LevelDB's lock.
    const second = new DirectoryEngine(name);
    const meta = (await second.open()).meta;
    await closing;
    const destroying = second.destroy();
    const third = new DirectoryEngine(name);
    const fresh = (await third.open()).meta;
    await destroying;
    expect(fresh.uuid).not.toBe(meta.uuid);
    expect(await exists(join(name, 'CURRENT'))).toBe(true);
    await third.destroy();
  });

  it('a removal asked for while another engine opens the directory waits for that open', async () => {
    for (let round = 0; round < 5; round++) {
      const name = freshDir();
      const opening = new DirectoryEngine(name);
      const open = opening.open();
      // A never-opened engine's destroy (what a view cleanup's `new Db(name).destroy()` is).
      const removed = new DirectoryEngine(name).destroy();
      expect((await open).meta.uuid).toBeTruthy();
      await removed;
      await opening.close();
      expect(await exists(name)).toBe(false);
    }
  });

  it('beforeOpen runs after earlier removals of the directory finished', async () => {
    const name = freshDir();
    const first = new DirectoryEngine(name);
    await first.open();
    const seen: boolean[] = [];
    const next = new DirectoryEngine(name, {
      beforeOpen: async () => {
        seen.push(await exists(name));
      },
    });
    const destroying = first.destroy();
    await next.open();
    await destroying;
    expect(seen).toEqual([false]);
    await next.destroy();
  });

  it('shares one adapter between handles on one directory; closing one keeps the other', async () => {
    const name = freshDir();
    const a = new Satchel(name, { adapter: 'leveldb' });
    const b = new Satchel(`${name}/../${name.split('/').at(-1)}`, { adapter: 'leveldb' });
    await a.put({ _id: 'x' });
    expect((await b.get('x'))._id).toBe('x');
    await a.close();
    await b.put({ _id: 'y' });
    expect((await b.info()).doc_count).toBe(2);
    await b.close();
  });

  it('destroy() removes the directory; a new database there starts empty with a new uuid', async () => {
    const name = freshDir();
    const db = new Satchel(name, { adapter: 'leveldb' });
    await db.put({ _id: 'a' });
    const uuid = await db.id();
    expect(await exists(name)).toBe(true);
    await db.destroy();
    expect(await exists(name)).toBe(false);
    const fresh = new Satchel(name, { adapter: 'leveldb' });
    const info = await fresh.info();
    expect(info).toMatchObject({ doc_count: 0, update_seq: 0 });
    expect(await fresh.id()).not.toBe(uuid);
    await fresh.destroy();
    expect(await exists(name)).toBe(false);
  });

  it('places the directory at prefix + name', async () => {
    await mkdir(join(dir, 'nested', 'deeper'), { recursive: true });
    const Prefixed = Satchel.defaults({ prefix: `${join(dir, 'nested', 'deeper')}/` });
    const db = new Prefixed('mydb', { adapter: 'leveldb' });
    await db.put({ _id: 'a' });
    expect(await exists(join(dir, 'nested', 'deeper', 'mydb', 'CURRENT'))).toBe(true);
    const info = await db.info();
    expect(info).toMatchObject({ backend_adapter: 'LevelDOWN', doc_count: 1 });
    expect(db.adapter).toBe('leveldb');
    await db.destroy();
  });

  it('keeps data in a user-provided abstract-level database across close and reopen', async () => {
    const level = new MemoryLevel();
    const db = new Satchel('anything', { adapter: 'leveldb', level });
    await writeSome(db, 0, 5);
    const before = await snapshot(db);
    await db.close();
    expect(level.status).toBe('open');
    const again = new Satchel('anything', { adapter: 'leveldb', level });
    expect(await snapshot(again)).toEqual(before);
    expect((await again.info()).backend_adapter).toBe('MemoryLevel');
    await again.destroy();
    expect(await level.keys().all()).toEqual([]);
  });

  it('gives each name its own database when `level` is a function, and closes it with the last handle', async () => {
    const made = new Map<string, MemoryLevel>();
    const level = (name: string) => {
      const db = new MemoryLevel();
      made.set(name, db);
      return db;
    };
    const a = new Satchel('a', { adapter: 'leveldb', level });
    const b = new Satchel('b', { adapter: 'leveldb', level });
    await a.put({ _id: 'only-in-a' });
    expect((await b.info()).doc_count).toBe(0);
    expect((await a.info()).backend_adapter).toBe('MemoryLevel');
    await a.close();
    await b.close();
    expect(made.get('a')?.status).toBe('closed');
  });
});

describe('reopen in another process', () => {
  it('sees what a child process wrote, and the child sees what we wrote', async () => {
    const name = freshDir();
    const written = (await runChild(bundle.path, ['fill', name, '50'])) as {
      info: { update_seq: number };
      uuid: string;
    };
    // Local documents do not move update_seq (as in PouchDB).
    expect(written.info.update_seq).toBe(50);

    const db = new Satchel(name, { adapter: 'leveldb' });
    const mine = await snapshot(db);
    expect(mine.uuid).toBe(written.uuid);
    expect(mine.update_seq).toBe(written.info.update_seq);
    expect(mine.rows).toHaveLength(50);
    expect(mine.local).toMatchObject({ _id: '_local/marker', from: 'child' });
    await writeSome(db, 100, 10);
    const after = await snapshot(db);
    await db.close();

    const dumped = (await runChild(bundle.path, ['dump', name])) as {
      info: { update_seq: number; doc_count: number };
      uuid: string;
      rows: unknown[];
    };
    expect(dumped.uuid).toBe(after.uuid);
    expect(dumped.info.update_seq).toBe(after.update_seq);
    expect(dumped.info.doc_count).toBe(after.doc_count);
    expect(dumped.rows).toEqual(after.rows);
  });
});
