import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CouchServer, dbUrl, S, useCouchServer } from './setup-server.js';

describe('http adapter: changes', () => {
  let server: CouchServer;
  let db: InstanceType<typeof S>;
  beforeAll(async () => {
    server = await useCouchServer();
    db = new S(dbUrl(server));
    await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }]);
    const b = (await db.get('b')) as { _rev: string };
    await db.remove('b', b._rev);
  });
  afterAll(async () => {
    await db.destroy();
    await server.stop();
  });

  it('reads a one-shot feed with include_docs and deletions', async () => {
    const res = await db.changes({ include_docs: true });
    expect(res.results.map((r) => r.id).sort()).toEqual(['a', 'b', 'c']);
    const b = res.results.find((r) => r.id === 'b');
    expect(b?.deleted).toBe(true);
    expect(res.results.find((r) => r.id === 'a')?.doc?._id).toBe('a');
  });

  it('honours since, limit and descending', async () => {
    const all = await db.changes();
    const first = all.results[0];
    const after = await db.changes({ since: first?.seq });
    expect(after.results.map((r) => r.id)).toEqual(all.results.slice(1).map((r) => r.id));
    const limited = await db.changes({ limit: 1 });
    expect(limited.results).toHaveLength(1);
    const desc = await db.changes({ descending: true });
    expect(desc.results.map((r) => r.id)).toEqual(all.results.map((r) => r.id).reverse());
  });

  it('filters by doc_ids', async () => {
    const res = await db.changes({ doc_ids: ['c', 'zz'] });
    expect(res.results.map((r) => r.id)).toEqual(['c']);
  });

  it('reports all leaves with style all_docs', async () => {
    await db.bulkDocs([{ _id: 'a', _rev: '1-conflict' }], { new_edits: false });
    const res = await db.changes({ style: 'all_docs', doc_ids: ['a'] });
    expect(res.results[0]?.changes).toHaveLength(2);
  });
});
