import { describe, expect, it, vi } from 'vitest';
import { LocalAdapter } from '../../src/local-adapter/local-adapter.js';
import { occasional } from '../../src/occasional.js';
import type { AnyDoc } from '../../src/types/documents.js';

// The README's engine registers an adapter and writes a document when imported: quietly.
vi.spyOn(console, 'log').mockImplementation(() => undefined);
const { TinyEngine } = await import('../readme/tiny-engine.js');

const write = (adapter: LocalAdapter, docs: AnyDoc[], newEdits = true) =>
  adapter.bulkDocs(docs, { new_edits: newEdits });

/**
 * Writes that need the general revision-tree merge (conflicts, branches, replicated histories)
 * find it not loaded the first time in a process: the document is applied again once it is,
 * with the same outcome as when it is loaded already. Each test file runs in a fresh module
 * graph, so the first call below is the first use.
 */
describe('code loaded on first use (occasional-code.ts)', () => {
  it('a conflicting edit made before the merge code is loaded is a 409, nothing applied', async () => {
    expect(occasional.loaded).toBeUndefined();
    const adapter = new LocalAdapter(new TinyEngine());
    const [created] = await write(adapter, [{ _id: 'a', n: 1 }]);
    const rev = (created as { rev: string }).rev;
    await write(adapter, [{ _id: 'a', _rev: rev, n: 2 }]);
    // Everyday writes (a first revision, an edit of the only leaf) did not load it.
    expect(occasional.loaded).toBeUndefined();
    const [conflict] = await write(adapter, [{ _id: 'a', _rev: rev, n: 3 }]);
    expect(conflict).toMatchObject({ status: 409, name: 'conflict' });
    expect(occasional.loaded).toBeDefined();
    expect(await adapter.get('a', {})).toMatchObject({ n: 2 });
    expect((await adapter.info()).update_seq).toBe(2);
  });

  it('replicated histories and branches merge as PouchDB does once loaded', async () => {
    const adapter = new LocalAdapter(new TinyEngine());
    const history = { start: 3, ids: ['c', 'b', 'a'] };
    await write(adapter, [{ _id: 'r', _rev: '3-c', _revisions: history, v: 1 }], false);
    const branch = { start: 3, ids: ['z', 'b', 'a'] };
    await write(adapter, [{ _id: 'r', _rev: '3-z', _revisions: branch, v: 2 }], false);
    const all = (await adapter.get('r', { open_revs: 'all' })) as { ok: AnyDoc }[];
    expect(all.map((r) => r.ok._rev).sort()).toEqual(['3-c', '3-z']);
    expect(await adapter.get('r', { revs: true })).toMatchObject({
      _rev: '3-z',
      _revisions: { start: 3, ids: ['z', 'b', 'a'] },
    });
  });
});
