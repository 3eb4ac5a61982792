import { randomName } from '@satchel/adapter-suite';
import { afterEach, describe, expect, it } from 'vitest';
import { Bridged } from './bridged-satchel.js';

interface Db {
  put(doc: object): Promise<{ rev: string }>;
  get(id: string, opts?: object): Promise<unknown>;
  bulkGet(req: object): Promise<unknown>;
  putAttachment(id: string, name: string, data: unknown, type: string): Promise<unknown>;
  destroy(): Promise<void>;
}
type Ctor = new (name: string, opts: object) => Db;

const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

/** A database on pouchdb-adapter-memory@9 through the bridge, with `a` at two revisions. */
async function seeded(): Promise<{ db: Db; first: string; second: string }> {
  const db = new (Bridged as unknown as Ctor)(randomName(), { adapter: 'memory' });
  opened.push(db);
  const first = (await db.put({ _id: 'a' })).rev;
  const second = (await db.put({ _id: 'a', _rev: first, v: 2 })).rev;
  return { db, first, second };
}

/**
 * Inputs the PouchDB adapter fails on inside its own callbacks: the error was uncaught (the
 * process ended) and the adapter's queue never answered again. Each is now an error the
 * caller gets, as on core's adapters, and the database keeps answering.
 */
describe('hostile calls through a bridged PouchDB adapter', () => {
  it('attachment data of a kind no attachment holds is badarg', async () => {
    const { db } = await seeded();
    const badarg = { status: 500, name: 'badarg' };
    for (const data of [5, true, {}, undefined]) {
      const att = { content_type: 'text/plain', data };
      await expect(db.put({ _id: 'n', _attachments: { 'x.txt': att } })).rejects.toMatchObject(
        badarg,
      );
    }
    await expect(db.putAttachment('n', 'x.txt', 5, 'text/plain')).rejects.toMatchObject(badarg);
    await expect(db.get('a')).resolves.toMatchObject({ v: 2 });
  });

  it('latest with a revision not in the tree is 404 missing', async () => {
    const { db, first, second } = await seeded();
    await expect(db.get('a', { rev: '1-nope', latest: true })).rejects.toMatchObject({
      status: 404,
      name: 'not_found',
    });
    await expect(db.get('a', { open_revs: ['1-nope', first], latest: true })).resolves.toEqual([
      { missing: '1-nope' },
      { ok: { _id: 'a', _rev: second, v: 2 } },
    ]);
    await expect(db.get('a', { rev: first, latest: true })).resolves.toMatchObject({
      _rev: second,
    });
    await expect(db.get('zz', { rev: '1-nope', latest: true })).rejects.toMatchObject({
      status: 404,
    });
  });
});
