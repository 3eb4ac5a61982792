import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leveldbAdapter } from '@satchel/adapter-leveldb';
import { afterAll, describe, expect, it } from 'vitest';
import { findSuite } from './find-suite.js';
import { Satchel, uniqueName } from './helpers.js';

Satchel.adapter('leveldb', leveldbAdapter);
const dir = mkdtempSync(join(tmpdir(), 'satchel-mango-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open = (name: string) => new Satchel(join(dir, name), { adapter: 'leveldb' });

describe('on adapter-leveldb', () => {
  findSuite(() => open(uniqueName()));

  it('keeps indexes across close and reopen, updating only what changed', async () => {
    const name = uniqueName();
    let db = open(name);
    await db.bulkDocs(
      Array.from({ length: 200 }, (_, i) => ({ _id: `d${String(i).padStart(3, '0')}`, n: i % 10 })),
    );
    const { id } = await db.createIndex({ index: { fields: ['n'], ddoc: 'by-n' } });
    await db.close();
    db = open(name);
    expect((await db.getIndexes()).indexes.map((i) => i.ddoc)).toEqual([null, id]);
    // The companion database holds the index: it is registered as a dependent of the source.
    const deps = (await db.get('_local/_pouch_dependentDbs')) as { dependentDbs: object };
    const [companion] = Object.keys(deps.dependentDbs);
    const index = new Satchel(companion as string, { adapter: 'leveldb' });
    const before = (await index.info()).update_seq as number;
    await db.put({ _id: 'new', n: 3 });
    const res = await db.find({ selector: { n: 3 }, limit: 100 });
    expect(res.docs).toHaveLength(21);
    expect(res.warning).toBeUndefined();
    // One new document: its row and its record, nothing rebuilt.
    expect((await index.info()).update_seq).toBe(before + 2);
    await index.close();
    await db.destroy();
  });
});
