import { type AdapterFactory, Satchel } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import MemoryAdapterDefault, {
  MemoryAdapterPlugin,
  memoryAdapter,
  memoryStores,
} from '../src/index.js';

let counter = 0;
/** A database name no other test uses, since memory databases are shared process-wide. */
const uniqueName = (): string => `memory-adapter-test-${++counter}`;

describe('memoryAdapter', () => {
  it('is valid everywhere and ignores `prefix`, as pouchdb-adapter-memory does', () => {
    expect(memoryAdapter.valid?.()).toBe(true);
    expect(memoryAdapter.use_prefix).toBe(false);
  });

  it('reports itself as memory over MemDOWN', async () => {
    const adapter = memoryAdapter({ name: uniqueName() });
    await adapter.ready();
    expect(adapter.type).toBe('memory');
    expect(await adapter.info()).toMatchObject({
      doc_count: 0,
      update_seq: 0,
      backend_adapter: 'MemDOWN',
    });
    await adapter.destroy();
  });

  it('shares one database between handles of the same name', async () => {
    const name = uniqueName();
    const a = memoryAdapter({ name });
    const b = memoryAdapter({ name });
    await a.bulkDocs([{ _id: 'x', v: 1 }], { new_edits: true });
    expect(await b.get('x', {})).toMatchObject({ _id: 'x', v: 1 });
    const other = memoryAdapter({ name: uniqueName() });
    expect((await other.info()).doc_count).toBe(0);
    await Promise.all([a.close(), b.close(), other.destroy()]);
  });

  it('keeps the data after every handle closed', async () => {
    const name = uniqueName();
    const a = memoryAdapter({ name });
    await a.bulkDocs([{ _id: 'x' }], { new_edits: true });
    await a.close();
    const again = memoryAdapter({ name });
    expect((await again.info()).doc_count).toBe(1);
    await again.destroy();
  });

  it('frees a destroyed database, so opening the name again starts empty', async () => {
    const name = uniqueName();
    const a = memoryAdapter({ name });
    await a.bulkDocs([{ _id: 'x' }], { new_edits: true });
    const id = await a.id?.();
    await a.destroy();
    expect(memoryStores.has(name)).toBe(false);
    const again = memoryAdapter({ name });
    expect(await again.info()).toMatchObject({ doc_count: 0, update_seq: 0 });
    expect(await again.id?.()).not.toBe(id);
    await again.destroy();
  });
});

describe('MemoryAdapterPlugin', () => {
  it('registers `memory` as a preferred adapter', () => {
    const calls: [string, AdapterFactory, boolean | undefined][] = [];
    MemoryAdapterPlugin({
      adapter: (name, factory, preferred) => calls.push([name, factory, preferred]),
    });
    expect(calls).toEqual([['memory', memoryAdapter, true]]);
    expect(MemoryAdapterDefault).toBe(MemoryAdapterPlugin);
  });

  it("lets two `new Satchel(name, {adapter: 'memory'})` share their data", async () => {
    Satchel.plugin(MemoryAdapterPlugin);
    const name = uniqueName();
    const first = new Satchel(name, { adapter: 'memory' });
    const second = new Satchel(name, { adapter: 'memory' });
    await first.put({ _id: 'shared', n: 1 });
    expect(await second.get('shared')).toMatchObject({ _id: 'shared', n: 1 });
    await first.destroy();
    const third = new Satchel(name, { adapter: 'memory' });
    expect((await third.info()).doc_count).toBe(0);
    await third.destroy();
  });
});
