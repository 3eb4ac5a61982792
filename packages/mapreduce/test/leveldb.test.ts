import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leveldbAdapter } from '@satchel/adapter-leveldb';
import { afterAll, describe, expect, it } from 'vitest';
import { Satchel } from './helpers.js';

Satchel.adapter('leveldb', leveldbAdapter);
const dir = mkdtempSync(join(tmpdir(), 'satchel-mapreduce-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('on adapter-leveldb', () => {
  it('queries and reduces a design doc view', async () => {
    const db = new Satchel(join(dir, 'db'), { adapter: 'leveldb' });
    await db.bulkDocs([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
      { _id: '_design/v', views: { n: { map: 'function (d) { emit(d.n); }', reduce: '_count' } } },
    ]);
    expect((await db.query('v/n', { reduce: false })).rows.map((r) => r.key)).toEqual([1, 2]);
    expect((await db.query('v/n')).rows).toEqual([{ key: null, value: 2 }]);
    await db.destroy();
  });
});
