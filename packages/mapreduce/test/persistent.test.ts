import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newDb, Satchel } from './helpers.js';

const DDOC = {
  _id: '_design/app',
  views: {
    by_n: { map: 'function (doc) { emit(doc.n); }' },
    sum: { map: 'function (doc) { emit(doc.type, doc.n); }', reduce: '_sum' },
  },
};

let db: Satchel;

beforeEach(async () => {
  db = newDb();
  await db.bulkDocs([{ _id: 'a', n: 1, type: 'x' }, { _id: 'b', n: 2, type: 'y' }, DDOC]);
});
afterEach(async () => {
  await db.destroy().catch(() => undefined);
});

/** The keys of a query's rows. */
async function keysOf(view: string, opts: object = {}): Promise<unknown[]> {
  return (await db.query(view, opts)).rows.map((row) => row.key);
}

/** The names of the index databases recorded in `_local/mrviews`. */
async function indexNames(): Promise<string[]> {
  const doc = (await db.get('_local/mrviews')) as { views: Record<string, Record<string, true>> };
  return Object.values(doc.views).flatMap((dbs) => Object.keys(dbs));
}

/** The number of documents in each named database. */
async function docCounts(names: string[]): Promise<number[]> {
  const infos = await Promise.all(names.map((n) => new Satchel(n, { adapter: 'memory' }).info()));
  return infos.map((info) => info.doc_count);
}

describe('persistent design-doc views', () => {
  it('follow edits, deletions and new documents incrementally', async () => {
    expect(await keysOf('app/by_n')).toEqual([1, 2]);
    const a = await db.get('a');
    await db.put({ ...a, n: 5 });
    await db.remove(await db.get('b'));
    await db.put({ _id: 'c', n: 3, type: 'x' });
    expect(await keysOf('app/by_n')).toEqual([3, 5]);
    expect((await db.query('app/sum', { group: true })).rows).toEqual([{ key: 'x', value: 8 }]);
  });

  it('reads only the changes since the last query', async () => {
    await db.query('app/by_n');
    const seen: unknown[] = [];
    const original = (db as unknown as { changes: (o: { since: unknown }) => unknown }).changes;
    (db as unknown as { changes: unknown }).changes = function (
      this: Satchel,
      o: { since: unknown },
    ) {
      seen.push(o.since);
      return original.call(this, o);
    };
    await db.put({ _id: 'd', n: 4 });
    expect(await keysOf('app/by_n')).toEqual([1, 2, 4]);
    expect(seen).toEqual([Number((await db.info()).update_seq) - 1]);
  });

  it('honours stale: ok and update_after', async () => {
    expect(await keysOf('app/by_n', { stale: 'ok' })).toEqual([]);
    expect(await keysOf('app/by_n')).toEqual([1, 2]);
    await db.put({ _id: 'c', n: 3 });
    expect(await keysOf('app/by_n', { stale: 'update_after' })).toEqual([1, 2]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await keysOf('app/by_n', { stale: 'ok' })).toEqual([1, 2, 3]);
  });

  it('reports the indexed sequence with update_seq', async () => {
    const res = await db.query('app/by_n', { update_seq: true });
    expect(res.update_seq).toBe((await db.info()).update_seq);
  });

  it('builds a new index when a view changes, and viewCleanup removes deleted views', async () => {
    await db.query('app/by_n');
    await db.query('app/sum');
    const ddoc = (await db.get('_design/app')) as typeof DDOC & { _rev: string };
    const changed = {
      ...ddoc,
      views: { ...DDOC.views, by_n: { map: 'function (doc) { emit(-doc.n); }' } },
    };
    const { rev } = await db.put(changed);
    expect(await keysOf('app/by_n')).toEqual([-2, -1]);
    expect(await indexNames()).toHaveLength(3);
    expect(await db.viewCleanup()).toEqual({ ok: true });
    expect(await docCounts(await indexNames())).toEqual([2, 2, 2]);
    await db.put({ ...changed, _rev: rev, views: { sum: DDOC.views.sum } });
    expect(await db.viewCleanup()).toEqual({ ok: true });
    expect(await docCounts(await indexNames())).toEqual([0, 0, 2]);
    expect((await db.query('app/sum')).rows).toEqual([{ key: null, value: 3 }]);
  });

  it('reads index documents PouchDB before 3.0 wrote, the whole row in value', async () => {
    const before = (await db.query('app/by_n')).rows;
    const [name] = (await indexNames()).filter((n) => n.includes('mrview'));
    const index = new Satchel(name as string, { adapter: 'memory' });
    const stored = (await index.allDocs({ include_docs: true })).rows;
    const rows = before.map((row) => ({
      id: 'id' in row ? row.id : null,
      key: row.key,
      value: row.value,
    }));
    await index.bulkDocs(
      stored.map((row, i) => ({ _id: row.id, _rev: row.value.rev, value: rows[i] })),
    );
    expect((await db.query('app/by_n', { stale: 'ok' })).rows).toEqual(before);
  });

  it('destroys its index databases with the database', async () => {
    await db.query('app/by_n');
    const [name] = await indexNames();
    await db.destroy();
    const info = await new Satchel(name as string, { adapter: 'memory' }).info();
    expect(info.doc_count).toBe(0);
  });
});

describe('persistent views under concurrency', () => {
  it('answers concurrent queries consistently', async () => {
    const local = newDb();
    await local.bulkDocs([
      DDOC,
      ...Array.from({ length: 120 }, (_, i) => ({ _id: `d${i}`, n: i })),
    ]);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => local.query('app/by_n', { limit: 3, descending: true })),
    );
    for (const res of results) {
      expect(res.rows.map((r) => r.key)).toEqual([119, 118, 117]);
      expect(res.total_rows).toBe(120);
    }
    await local.destroy();
  });
});
