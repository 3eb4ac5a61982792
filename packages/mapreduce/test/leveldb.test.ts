import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDb, Satchel } from './helpers.js';

/** The directories beside `dbPath` that hold its view indexes. */
function indexDirs(dbPath: string): string[] {
  const prefix = `${basename(dbPath)}-mrview-`;
  return readdirSync(dirname(dbPath)).filter((name) => name.startsWith(prefix));
}

const DDOC = {
  _id: '_design/v',
  views: {
    n: { map: 'function (d) { emit(d.n); }', reduce: '_count' },
    twice: { map: 'function (d) { emit(d.n * 2); }' },
  },
};

describe('on adapter-leveldb', () => {
  it('queries and reduces a design doc view', async () => {
    const db = newDb('leveldb');
    await db.bulkDocs([{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }, DDOC]);
    expect((await db.query('v/n', { reduce: false })).rows.map((r) => r.key)).toEqual([1, 2]);
    expect((await db.query('v/n')).rows).toEqual([{ key: null, value: 2 }]);
    await db.destroy();
  });

  it('keeps indexes on disk, removes deleted views on viewCleanup and all on destroy', async () => {
    const db = newDb('leveldb');
    await db.bulkDocs([{ _id: 'a', n: 1 }, DDOC]);
    await db.query('v/n');
    await db.query('v/twice');
    expect(indexDirs(db.name)).toHaveLength(2);
    const ddoc = await db.get('_design/v');
    await db.put({ ...ddoc, views: { n: DDOC.views.n } });
    await db.viewCleanup();
    expect(indexDirs(db.name)).toHaveLength(1);
    await db.destroy();
    expect(indexDirs(db.name)).toEqual([]);
    expect(existsSync(db.name)).toBe(false);
  });
});

describe('closing on adapter-leveldb', () => {
  it('keeps the index across close and reopen, and reads only the new changes', async () => {
    const db = newDb('leveldb');
    await db.bulkDocs([{ _id: 'a', n: 1 }, DDOC]);
    await db.query('v/twice');
    await db.close();
    const again = new Satchel(db.name, { adapter: 'leveldb' });
    await again.put({ _id: 'b', n: 2 });
    let read = 0;
    again.on('indexing', (e: { results_count?: number }) => {
      read += e.results_count ?? 0;
    });
    expect((await again.query('v/twice')).rows.map((r) => r.key)).toEqual([2, 4]);
    expect(read).toBe(1);
    await again.destroy();
    expect(indexDirs(db.name)).toEqual([]);
  });
});
