import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Satchel from '@satchel/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satchel-concurrent-destroy-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Handles on one database share one open adapter. When several of them destroy it in the same
 * tick (as simultaneous `viewCleanup`s do with an index), each destroy resolves once the one
 * store is gone, instead of the later ones finding the adapter already shut.
 */
describe.each(['leveldb', 'memory'])('%s: destroys of one database at once', (adapter) => {
  it('all resolve, and the database is empty afterwards', async () => {
    const name = adapter === 'leveldb' ? join(dir, 'shared') : `shared-${Date.now()}`;
    const first = new Satchel(name, { adapter });
    await first.put({ _id: 'a' });
    const handles = [first, new Satchel(name, { adapter }), new Satchel(name, { adapter })];
    await expect(Promise.all(handles.map((db) => db.destroy()))).resolves.toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
    ]);
    const again = new Satchel(name, { adapter });
    expect((await again.info()).doc_count).toBe(0);
    await again.destroy();
  });
});
