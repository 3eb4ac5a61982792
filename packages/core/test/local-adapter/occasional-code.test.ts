import { describe, expect, it, vi } from 'vitest';
import { applyDoc, NEEDS_MERGE, type WriteSettings } from '../../src/local-adapter/apply-doc.js';
import { LocalAdapter } from '../../src/local-adapter/local-adapter.js';
import { parseNewEdit } from '../../src/local-adapter/parse-doc.js';
import { WritePlan } from '../../src/local-adapter/write-plan.js';
import { occasional } from '../../src/occasional.js';
import type { AnyDoc } from '../../src/types/documents.js';

/** The README's engine (which scans unsorted: opening it loads the code). */
async function tinyEngine() {
  // Importing it runs the README's example, which logs.
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const { TinyEngine } = await import('../readme/tiny-engine.js');
  return new TinyEngine();
}

const write = (adapter: LocalAdapter, docs: AnyDoc[], newEdits = true) =>
  adapter.bulkDocs(docs, { new_edits: newEdits });

/**
 * Writes that need the general revision-tree merge (conflicts, branches, replicated histories)
 * find it not loaded the first time in a process: `applyDoc` changes nothing and says so, and
 * the write applies the document again once it is loaded. Each test file runs in a fresh module
 * graph, so the first test below sees the code not loaded yet.
 */
describe('code loaded on first use (occasional-code.ts)', () => {
  it('an edit needing the general merge before it is loaded changes nothing and asks for it', async () => {
    expect(occasional.loaded).toBeUndefined();
    const settings: WriteSettings = {
      revsLimit: 1000,
      autoCompaction: false,
      deterministicRevs: true,
      newEdits: true,
      wasDelete: false,
      ownedRecords: false,
    };
    const plan = new WritePlan({ updateSeq: 0, docCount: 0, uuid: 'u' });
    const first = parseNewEdit({ _id: 'a', n: 1 }, true);
    expect(applyDoc(plan, first, settings)).toMatchObject({ ok: true });
    const second = parseNewEdit({ _id: 'a', _rev: first.rev, n: 2 }, true);
    expect(applyDoc(plan, second, settings)).toMatchObject({ ok: true });
    // Everyday writes (a first revision, an edit of the only leaf) do not need it.
    expect(occasional.loaded).toBeUndefined();
    const before = structuredClone(plan.toBatch());
    const stale = parseNewEdit({ _id: 'a', _rev: first.rev, n: 3 }, true);
    expect(applyDoc(plan, stale, settings)).toBe(NEEDS_MERGE);
    expect(plan.toBatch()).toEqual(before);
    await occasional.load();
    expect(applyDoc(plan, stale, settings)).toMatchObject({ status: 409, name: 'conflict' });
    expect(plan.toBatch()).toEqual(before);
  });

  it('conflicts, replicated histories and branches through LocalAdapter', async () => {
    const adapter = new LocalAdapter(await tinyEngine());
    const [created] = await write(adapter, [{ _id: 'a', n: 1 }]);
    const rev = (created as { rev: string }).rev;
    await write(adapter, [{ _id: 'a', _rev: rev, n: 2 }]);
    const [conflict] = await write(adapter, [{ _id: 'a', _rev: rev, n: 3 }]);
    expect(conflict).toMatchObject({ status: 409, name: 'conflict' });
    expect(await adapter.get('a', {})).toMatchObject({ n: 2 });
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
