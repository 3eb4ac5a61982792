import { LocalAdapter } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { MemoryData } from '../src/memory-data.js';
import { MemoryEngine } from '../src/memory-engine.js';

// Satchel hands a local adapter new edits copied at their top level only: nested objects stay
// the caller's (the adapter serialises them during the call). An adapter whose engine has not
// opened yet cannot serialise during the call, so it copies the documents before it waits.

describe('a write given to a local adapter before its engine opened', () => {
  it('stores nested members as they were at the call', async () => {
    const adapter = new LocalAdapter(new MemoryEngine(new MemoryData()));
    const inner = { n: 1, list: [1] };
    const writing = adapter.bulkDocs([{ _id: 'x', inner }], { new_edits: true });
    inner.n = 2;
    inner.list.push(2);
    const [row] = await writing;
    expect(row).toMatchObject({ ok: true, id: 'x' });
    expect(await adapter.get('x', {})).toMatchObject({ inner: { n: 1, list: [1] } });
  });
});
