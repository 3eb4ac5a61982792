import { describe, expect, it } from 'vitest';
import { filterCode } from '../src/filters.js';
import { newDb } from './helpers.js';

/**
 * Design-doc and `_view` filters and the long-poll loop of remote feeds are loaded on first use
 * (filter-code.ts). Each test file runs in a fresh module graph, so the first test below sees
 * the code not loaded yet; the tests run in order.
 */
describe('filter code loaded on first use (filter-code.ts)', () => {
  it('plain, function and doc_ids feeds, one-shot and live, never load it', async () => {
    const db = newDb();
    await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }]);
    expect((await db.changes()).results).toHaveLength(2);
    expect((await db.changes({ filter: (doc) => doc._id === 'a' })).results).toHaveLength(1);
    expect((await db.changes({ doc_ids: ['b'] })).results).toHaveLength(1);
    const live = db.changes({ live: true });
    const seen = new Promise((resolve) => live.on('change', resolve));
    await db.put({ _id: 'c' });
    await seen;
    live.cancel();
    expect(filterCode.loaded).toBeUndefined();
    await db.destroy();
  });

  it('the first view or design-doc filter loads it, and later feeds use it at once', async () => {
    const db = newDb();
    await db.bulkDocs([
      { _id: 'a', keep: true },
      { _id: 'b' },
      {
        _id: '_design/app',
        filters: { kept: 'function (doc) { return doc.keep === true; }' },
        views: { kept: { map: 'function (doc) { if (doc.keep) emit(doc._id); }' } },
      },
    ]);
    expect(filterCode.loaded).toBeUndefined();
    const byDesign = await db.changes({ filter: 'app/kept' });
    expect(byDesign.results.map((r) => r.id)).toEqual(['a']);
    expect(filterCode.loaded).toBeDefined();
    const byView = await db.changes({ filter: '_view', view: 'app/kept' });
    expect(byView.results.map((r) => r.id)).toEqual(['a']);
    // A malformed view name is still refused with PouchDB's 400.
    await expect(db.changes({ filter: '_view', view: 'a/b/c' })).rejects.toMatchObject({
      status: 400,
      reason: '`view` filter parameter not found or invalid.',
    });
    await db.destroy();
  });
});
