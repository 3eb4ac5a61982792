import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Satchel } from '@satchel/core';
import leveldown from 'leveldown';
import memdown from 'memdown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeveldbAdapterPlugin } from '../src/index.js';

Satchel.plugin(LeveldbAdapterPlugin);

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satchel-down-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A name no other test uses, for memdown's process-wide store. */
let names = 0;
const uniqueName = () => `down-${process.pid}-${++names}`;

/** The same call from leveldown's own callback API, as a promise. */
function downCall<T>(
  run: (cb: (err: Error | null | undefined, value?: T) => void) => void,
): Promise<T> {
  return new Promise((resolve, reject) => run((err, v) => (err ? reject(err) : resolve(v as T))));
}

describe("PouchDB's `db` option: a LevelDOWN-style store", () => {
  it('stores into memdown, reports it as the backend, and is not the directory of that name', async () => {
    const name = uniqueName();
    const db = new Satchel(name, { db: memdown });
    await db.bulkDocs([
      { _id: 'b', n: 2 },
      { _id: 'é', n: 3 },
      { _id: 'a', _attachments: { 'x.txt': { content_type: 'text/plain', data: 'aGk=' } } },
    ]);
    const info = await db.info();
    expect(info).toMatchObject({ backend_adapter: 'MemDOWN', doc_count: 3, update_seq: 3 });
    // Ids in UTF-8 byte order, as on LevelDB: the store sees only bytes.
    expect((await db.allDocs()).rows.map((r) => r.id)).toEqual(['a', 'b', 'é']);
    expect(String(await db.getAttachment('a', 'x.txt'))).toBe('hi');
    const onDisk = new Satchel(join(dir, name));
    expect((await onDisk.info()).doc_count).toBe(0);
    await onDisk.destroy();
    await db.close();
  });

  it('shares one store per constructor and name, so a second handle sees the first one’s writes', async () => {
    const name = uniqueName();
    const first = new Satchel(name, { db: memdown });
    await first.put({ _id: 'doc' });
    const second = new Satchel(name, { db: memdown });
    expect((await second.get('doc'))._id).toBe('doc');
    const Custom = Satchel.defaults({ db: memdown }).defaults({});
    const third = new Custom(name);
    expect((await third.info()).backend_adapter).toBe('MemDOWN');
    expect((await third.allDocs()).total_rows).toBe(1);
    await Promise.all([first.close(), second.close(), third.close()]);
  });

  it("destroy() calls the constructor's own destroy, so the name opens empty again", async () => {
    const name = uniqueName();
    const db = new Satchel(name, { db: memdown });
    await db.put({ _id: 'doc' });
    await db.destroy();
    // memdown keeps every named store in one process-wide map until its destroy(name).
    const store = memdown(name);
    await downCall((cb) => store.open({}, cb));
    const keys = await downCall<Buffer | undefined>((cb) =>
      store.iterator({ keyAsBuffer: true }).next((err, key) => cb(err, key)),
    );
    expect(keys).toBeUndefined();
    const again = new Satchel(name, { db: memdown });
    expect((await again.info()).doc_count).toBe(0);
    await again.destroy();
  });

  it('keeps data on disk through leveldown across close and reopen, and destroy() removes it', async () => {
    const location = join(dir, 'with-leveldown');
    const db = new Satchel(location, { db: leveldown });
    const { rev } = await db.put({ _id: 'kept', n: 1 });
    expect((await db.info()).backend_adapter).toBe('LevelDOWN');
    await db.close();
    const reopened = new Satchel(location, { db: leveldown });
    expect(await reopened.get('kept')).toEqual({ _id: 'kept', _rev: rev, n: 1 });
    await reopened.destroy();
    expect(existsSync(location)).toBe(false);
  });

  it('refuses, and leaves alone, a store that holds data of something else', async () => {
    const location = join(dir, 'foreign');
    const store = leveldown(location);
    await downCall((cb) => store.open({}, cb));
    // The shape of a PouchDB LevelDB database: its sublevels' keys.
    await downCall((cb) =>
      store.put(Buffer.from('!document-store!doc'), Buffer.from('{}'), {}, cb),
    );
    await downCall((cb) => store.close(cb));
    const db = new Satchel(location, { db: leveldown });
    await expect(db.info()).rejects.toMatchObject({ status: 500, name: 'OpenError' });
    await expect(db.get('doc')).rejects.toMatchObject({ name: 'OpenError' });
    const check = leveldown(location);
    await downCall((cb) => check.open({}, cb));
    const keys: string[] = [];
    const iterator = check.iterator({ values: false });
    for (;;) {
      const key = await downCall<Buffer | undefined>((cb) =>
        iterator.next((e: Error | null | undefined, k?: Buffer) => cb(e, k)),
      );
      if (key === undefined) break;
      keys.push(String(key));
    }
    await downCall((cb) => iterator.end(cb));
    await downCall((cb) => check.close(cb));
    expect(keys).toEqual(['!document-store!doc']);
  });

  it("reports the store's own open error as PouchDB's OpenError", async () => {
    const db = new Satchel(join(dir, 'missing', 'parent', 'db'), { db: leveldown });
    const err = await db.info().catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 500, name: 'OpenError' });
    expect((err as Error).message).toMatch(/IO error/);
  });

  it('names the function it was given as the backend, as PouchDB does', async () => {
    function customStore(location: string) {
      return memdown(location);
    }
    const db = new Satchel(uniqueName(), { db: customStore });
    expect((await db.info()).backend_adapter).toBe('customStore');
    await db.destroy();
  });

  it('refuses what is not a LevelDOWN-style constructor', () => {
    expect(() => new Satchel(uniqueName(), { db: 42 })).toThrow(/LevelDOWN-style constructor/);
    const noMethods = () => ({ open() {} });
    expect(() => new Satchel(uniqueName(), { db: noMethods })).toThrow(/without close, get/);
  });
});

describe('a database directory whose parent is missing', () => {
  it('fails every call with an OpenError naming the parent, and creates nothing', async () => {
    const parent = join(dir, 'no', 'such');
    const db = new Satchel(join(parent, 'db'));
    await expect(db.info()).rejects.toMatchObject({
      status: 500,
      name: 'OpenError',
      message: expect.stringContaining(parent),
    });
    await expect(db.allDocs()).rejects.toMatchObject({ name: 'OpenError' });
    await expect(db.get('x')).rejects.toMatchObject({ name: 'OpenError' });
    expect(await readdir(dir)).not.toContain('no');
  });
});
