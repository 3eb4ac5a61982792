import { describe, expect, it } from 'vitest';
import { memoryAdapter as fromSubpath } from '../src/adapter.js';
import { memoryAdapter } from '../src/index.js';
import { MemoryData } from '../src/memory-data.js';
import { MemoryEngine } from '../src/memory-engine.js';
import { memorySupports } from '../src/memory-supports.js';
import { PendingEngine } from '../src/pending-engine.js';

/** A PendingEngine over a real MemoryEngine, counting how often its code was "loaded". */
function pending(data = new MemoryData()) {
  const loads = { count: 0 };
  const engine = new PendingEngine({ ...memorySupports }, async () => {
    loads.count += 1;
    return new MemoryEngine(data);
  });
  return { engine, loads, data };
}

describe('PendingEngine', () => {
  it('states what the engine supports before its code is loaded', () => {
    const { engine, loads } = pending();
    expect(engine.supports).toEqual(new MemoryEngine().supports);
    expect(loads.count).toBe(0);
  });

  it('loads the engine once, on open, then passes every call to it', async () => {
    const { engine, loads, data } = pending();
    expect(() => engine.getDocs(['a'])).toThrow(/before open/);
    const { version } = await engine.open();
    await engine.reload();
    const record = { id: 'a', rev_tree: [], winningRev: '1-x', deleted: false, seq: 1 };
    await engine.commit({ putDocs: [record], putSeqs: [{ seq: 1, id: 'a' }] }, version);
    expect(await engine.getDocs(['a', 'b'])).toEqual([record, undefined]);
    expect(await engine.scanDocs({})).toEqual([record]);
    expect(await engine.scanSeqs({})).toEqual([{ seq: 1, id: 'a' }]);
    expect(data.docs.get('a')).toBe(record);
    expect(engine.freshReads).toBeUndefined();
    expect(engine.freshBodies).toBe(true);
    expect(loads.count).toBe(1);
  });

  it("relays another engine's writes to watch", async () => {
    const data = new MemoryData();
    const { engine } = pending(data);
    await engine.open();
    let reported = 0;
    const unwatch = engine.watch(() => {
      reported += 1;
    });
    const other = new MemoryEngine(data);
    const { version } = await other.open();
    await other.commit({ putLocals: [{ id: '_local/x', rev: '0-1', body: {} }] }, version);
    unwatch();
    expect(reported).toBe(1);
  });

  it('destroys the real engine, loading it if needed', async () => {
    const { engine, data } = pending();
    await engine.open();
    await engine.destroy();
    expect(data.meta).toBeUndefined();
  });

  it('closes even when loading failed', async () => {
    const engine = new PendingEngine({ ...memorySupports }, async () => {
      throw new Error('chunk not found');
    });
    await expect(engine.open()).rejects.toThrow('chunk not found');
    await expect(engine.close()).resolves.toBeUndefined();
  });
});

describe('@satchel/adapter-memory/adapter', () => {
  it('is the same memory adapter as the package root', () => {
    expect(fromSubpath).toBe(memoryAdapter);
  });

  it('opens databases before and after the engine code is loaded alike', async () => {
    const before = memoryAdapter({ name: 'pending-engine-test' });
    await before.bulkDocs([{ _id: 'x', n: 1 }], { new_edits: true });
    const after = memoryAdapter({ name: 'pending-engine-test' });
    expect(await after.get('x', {})).toMatchObject({ _id: 'x', n: 1 });
    await Promise.all([before.close(), after.destroy()]);
  });
});
