import { createError, createLocalAdapterFactory, Errors, Satchel } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { MemoryData } from '../src/memory-data.js';
import { MemoryEngine } from '../src/memory-engine.js';

/** One data store per name, like the memory adapter, but private to each factory. */
function storesByName() {
  const stores = new Map<string, MemoryData>();
  return (name: string) => {
    const data = stores.get(name) ?? new MemoryData();
    stores.set(name, data);
    return data;
  };
}

describe('createLocalAdapterFactory', () => {
  it('maps revs_limit, auto_compaction and deterministic_revs for every engine', async () => {
    const data = storesByName();
    const factory = createLocalAdapterFactory({
      type: 'mine',
      engine: ({ name }) => new MemoryEngine(data(name)),
      info: () => ({ backend_adapter: 'Mine' }),
    });
    const Mine = Satchel.defaults({ adapter: 'mine' });
    Mine.adapter('mine', factory);
    const db = new Mine('options', { revs_limit: 2, auto_compaction: true });
    let rev = (await db.put({ _id: 'a' })).rev;
    const first = rev;
    for (let i = 0; i < 3; i++) rev = (await db.put({ _id: 'a', _rev: rev, i })).rev;
    const doc = await db.get('a', { revs: true });
    expect(doc._revisions?.ids).toHaveLength(2);
    // auto_compaction dropped the body of the first revision.
    await expect(db.get('a', { rev: first })).rejects.toMatchObject({ status: 404 });
    expect(db.adapter).toBe('mine');
    expect(await db.info()).toMatchObject({ backend_adapter: 'Mine' });
    const random = new Mine('random', { deterministic_revs: false });
    const fixed = new Mine('fixed');
    const [r1, r2] = [await random.put({ _id: 'x' }), await fixed.put({ _id: 'x' })];
    expect(r1.rev).not.toBe(r2.rev);
    expect((await new Mine('fixed2').put({ _id: 'x' })).rev).toBe(r2.rev);
  });

  it('calls created once per adapter, with its engine and supports, not once per handle', async () => {
    const data = storesByName();
    const seen: [unknown, unknown, string][] = [];
    const factory = createLocalAdapterFactory({
      type: 'c',
      engine: ({ name }) => new MemoryEngine(data(name)),
      created: (adapter, engine, opts) => seen.push([adapter, engine, opts.name]),
    });
    const [first, second] = [factory({ name: 'n' }), factory({ name: 'n' })];
    await first.ready();
    expect(seen).toHaveLength(1);
    const [[adapter, engine, name]] = seen as [[typeof first, MemoryEngine, string]];
    expect(name).toBe('n');
    expect(Object.getPrototypeOf(second)).toBe(adapter);
    // The adapter reports its engine's manifest (read by the adapter suite).
    expect(first.supports).toBe(engine.supports);
    factory({ name: 'other' });
    expect(seen.map(([, , n]) => n)).toEqual(['n', 'other']);
  });

  it('shares one adapter per name unless share is false', async () => {
    const data = storesByName();
    let engines = 0;
    const engine = ({ name }: { name: string }) => {
      engines++;
      return new MemoryEngine(data(name));
    };
    const sharing = createLocalAdapterFactory({ type: 's', engine });
    sharing({ name: 'n' });
    sharing({ name: 'n' });
    expect(engines).toBe(1);
    const separate = createLocalAdapterFactory({ type: 's', engine, share: false });
    const [a, b] = [separate({ name: 'n' }), separate({ name: 'n' })];
    expect(engines).toBe(3);
    await a.bulkDocs([{ _id: 'x' }], { new_edits: true });
    expect(await b.get('x', {})).toMatchObject({ _id: 'x' });
  });

  it('checks names, reports valid/use_prefix, and forgets a database that failed to open', async () => {
    let failures = 1;
    const factory = createLocalAdapterFactory({
      type: 'picky',
      engine: () => {
        const engine = new MemoryEngine();
        if (failures-- > 0) engine.open = () => Promise.reject(new Error('locked'));
        return engine;
      },
      checkName: (name) => {
        if (name.includes('/')) throw createError(Errors.INVALID_REQUEST, 'no slashes');
      },
      usePrefix: false,
    });
    expect(factory.valid?.()).toBe(true);
    expect(factory.use_prefix).toBe(false);
    expect(() => factory({ name: 'a/b' })).toThrow(expect.objectContaining({ status: 400 }));
    await expect(factory({ name: 'db' }).ready()).rejects.toThrow('locked');
    await new Promise((resolve) => setImmediate(resolve));
    await expect(factory({ name: 'db' }).ready()).resolves.toBeUndefined();
  });
});
