import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leveldbAdapter } from '@satchel/adapter-leveldb';
import { afterAll, describe, expect, it } from 'vitest';
import { Satchel, uniqueName } from './helpers.js';

Satchel.adapter('leveldb', leveldbAdapter);
const dir = mkdtempSync(join(tmpdir(), 'satchel-mango-closed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Changes = (opts: object) => Promise<unknown>;

describe('an index build whose source closes', () => {
  it('fails createIndex with "database is closed", not a TypeError', async () => {
    const name = join(dir, uniqueName());
    const db = new Satchel(name, { adapter: 'leveldb' });
    await db.bulkDocs(Array.from({ length: 3000 }, (_, i) => ({ _id: `d${i}`, n: i })));
    const own = db as unknown as { changes: Changes };
    const changes = own.changes.bind(db);
    let calls = 0;
    let closing: Promise<void> | undefined;
    // The second batch of the build is read while the database closes: the feed cancels.
    own.changes = (opts) => {
      const read = changes(opts);
      if (++calls === 2) setTimeout(() => (closing = db.close()), 0);
      return read;
    };
    const err = await db.createIndex({ index: { fields: ['n'] } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('database is closed');
    await closing;
    const reopened = new Satchel(name, { adapter: 'leveldb' });
    await reopened.createIndex({ index: { fields: ['n'] } });
    expect((await reopened.find({ selector: { n: { $gte: 2990 } } })).docs).toHaveLength(10);
    await reopened.destroy();
  });
});
