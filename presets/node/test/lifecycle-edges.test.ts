import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Satchel from '@satchel/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let dir = '';
let count = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satchel-lifecycle-edges-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fresh database name for `adapter` (a directory under the temp dir for leveldb). */
function fresh(adapter: string): string {
  count += 1;
  return adapter === 'leveldb'
    ? join(dir, `db-${count}`)
    : `lifecycle-edges-${Date.now()}-${count}`;
}

describe.each(['leveldb', 'memory'])('%s: closing and destroying at awkward moments', (adapter) => {
  it('close() right after destroy() lets the destroy finish: both resolve, the data is gone', async () => {
    const name = fresh(adapter);
    const db = new Satchel(name, { adapter });
    await db.put({ _id: 'a' });
    // Closing the storage under the destroy used to fail it (412 "Database not open"),
    // keeping every document.
    await expect(Promise.all([db.destroy(), db.close()])).resolves.toEqual([
      { ok: true },
      undefined,
    ]);
    await expect(db.info()).rejects.toThrow('database is destroyed');
    const again = new Satchel(name, { adapter });
    expect((await again.info()).doc_count).toBe(0);
    await again.destroy();
  });

  it('a throwing "closed" listener gets its error back from close(), and the storage is still released', async () => {
    const name = fresh(adapter);
    const db = new Satchel(name, { adapter });
    await db.put({ _id: 'a' });
    const release = vi.spyOn(db._adapter, 'close');
    db.on('closed', () => {
      throw new Error('listener failed');
    });
    await expect(db.close()).rejects.toThrow('listener failed');
    // Without the release a LevelDB directory stays locked until the process exits.
    expect(release).toHaveBeenCalledTimes(1);
    await expect(release.mock.results[0]?.value).resolves.toBeUndefined();
    const again = new Satchel(name, { adapter });
    expect((await again.info()).doc_count).toBe(1);
    await again.destroy();
  });

  it('refuses a listener that is not a function, so a later destroy does not fail on it', async () => {
    const db = new Satchel(fresh(adapter), { adapter });
    await db.put({ _id: 'a' });
    const notAFunction = undefined as unknown as () => void;
    expect(() => db.on('destroyed', notAFunction)).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' }),
    );
    expect(() => db.once('closed', notAFunction)).toThrow(TypeError);
    expect(() => Satchel.on('created', notAFunction)).toThrow(TypeError);
    await expect(db.destroy()).resolves.toEqual({ ok: true });
  });
});

describe('options that are not an object', () => {
  it('are refused by the constructor and by defaults(), instead of opening the default adapter', () => {
    type Options = ConstructorParameters<typeof Satchel>[1];
    const asOptions = 'memory' as unknown as Options;
    // Spread, 'memory' used to become {0: 'm', …} and open a LevelDB directory in the cwd.
    expect(() => new Satchel(fresh('memory'), asOptions)).toThrow(
      new TypeError('Invalid options: expected an object, got "memory"'),
    );
    expect(() => new Satchel(fresh('memory'), 5 as unknown as Options)).toThrow(TypeError);
    expect(() => Satchel.defaults(asOptions as NonNullable<Options>)).toThrow(TypeError);
    // Absent options are still fine.
    expect(new Satchel({ name: fresh('memory'), adapter: 'memory' }, undefined).adapter).toBe(
      'memory',
    );
    const WithDefaults = Satchel.defaults({ adapter: 'memory' });
    expect(new WithDefaults(fresh('memory'), null as unknown as Options).adapter).toBe('memory');
  });
});
