import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { levelDb, memDb, S, seed, snapshot, tempDir, uniqueName } from './helpers.js';

const dirs = tempDir();
afterAll(() => dirs.cleanup());

describe('LevelDB ↔ memory', () => {
  it('both directions, conflicts included, identical trees and winners', async () => {
    const level = levelDb(dirs.dir);
    const mem = memDb();
    await seed(level, 120, 'l');
    await seed(mem, 80, 'm');
    await level.sync(mem);
    for (let i = 0; i < 20; i++) {
      const id = `l-${String(i).padStart(5, '0')}`;
      const a = await level.get(id);
      const b = await mem.get(id);
      await level.put({ ...a, from: 'level' });
      await mem.put({ ...b, from: 'memory', more: i });
    }
    const res = await S.sync(level, mem);
    expect(res.push.docs_written).toBe(20);
    expect(res.pull.docs_written).toBe(20);
    const [l, m] = [await snapshot(level), await snapshot(mem)];
    expect(l).toEqual(m);
    expect(Object.keys(l)).toHaveLength(200);
    await Promise.all([level.destroy(), mem.destroy()]);
  });

  it('a database opened by name is closed afterwards, and its checkpoint survives a reopen', async () => {
    const path = join(dirs.dir, uniqueName('named'));
    const first = new S(path, { adapter: 'leveldb' });
    await seed(first, 30);
    await first.close();
    const mem = memDb();
    const r1 = await S.replicate(path, mem, { adapter: 'leveldb' });
    expect(r1.docs_written).toBe(30);
    // Closed by replicate: the LevelDB lock is free again.
    const reopened = new S(path, { adapter: 'leveldb' });
    await seed(reopened, 4, 'new');
    const r2 = await reopened.replicate.to(mem);
    expect(r2.docs_read).toBe(4);
    expect(await snapshot(mem)).toEqual(await snapshot(reopened));
    await Promise.all([reopened.destroy(), mem.destroy()]);
  });
});
