import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Satchel from '@satchel/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satchel-view-cleanup-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * PouchDB's mapreduce test "many simultaneous persisted views" on leveldb: twenty views built,
 * their design docs removed and `viewCleanup` run all at once. The cleanups destroy the same
 * index directories while others reopen them; the pouchdb-migrate check of a directory used to
 * run before the open waited for those removals and met half-deleted stores.
 */
describe('leveldb: simultaneous view cleanups', () => {
  it('twenty views queried, removed and cleaned up at once', { timeout: 240_000 }, async () => {
    const Prefixed = Satchel.defaults({ prefix: `${dir}/` });
    const db = new Prefixed(`views-${Date.now()}`, { adapter: 'leveldb' });
    const doc: Record<string, string> = { _id: 'foo' };
    for (let i = 0; i < 20; i++) doc[`foo_${i}`] = `bar_${i}`;
    await db.put(doc);
    const rounds = Array.from({ length: 20 }, async (_, i) => {
      const ddoc = {
        _id: `_design/view_${i}`,
        views: { v: { map: `function (doc) { emit(doc.foo_${i}); }` } },
      };
      const { rev } = await db.put(ddoc);
      const { rows } = await db.query(`view_${i}/v`);
      expect(rows).toEqual([{ id: 'foo', key: `bar_${i}`, value: null }]);
      await db.remove({ _id: ddoc._id, _rev: rev });
      await db.viewCleanup();
      await expect(db.query(`view_${i}/v`)).rejects.toMatchObject({ status: 404 });
    });
    await Promise.all(rounds);
    await db.destroy();
  });
});
