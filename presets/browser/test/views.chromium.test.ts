import { describe, expect, it } from 'vitest';
import { presetPage } from './preset-session.js';

const pageOf = presetPage();

/** The preset's query surface, as these tests use it. */
interface ViewDb {
  bulkDocs(docs: object[]): Promise<{ rev: string }[]>;
  put(doc: object): Promise<unknown>;
  query(fun: unknown, opts?: object): Promise<{ total_rows: number; rows: unknown[] }>;
  destroy(): Promise<unknown>;
}

describe('a persistent view in IndexedDB (Chromium)', () => {
  it('is built with one record per row, its key lists in a key segment', async () => {
    const out = await pageOf().evaluate(async () => {
      // Every `put` on the index database's stores, counted by store.
      const puts: Record<string, number> = {};
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
        if (this.transaction.db.name.includes('-mrview-'))
          puts[this.name] = (puts[this.name] ?? 0) + 1;
        return put.apply(this, args as Parameters<typeof put>);
      };
      const db = new Satchel(`views-${Date.now()}`) as unknown as ViewDb;
      const map = 'function (doc) { emit(doc.n, doc.n % 2 ? null : doc.n); }';
      await db.put({ _id: '_design/v', views: { n: { map } } });
      const docs = Array.from({ length: 1000 }, (_, i) => ({ _id: `d${1000 + i}`, n: i % 97 }));
      const written = await db.bulkDocs(docs);
      const built = await db.query('v/n', { limit: 0 });
      const counted = { ...puts };
      IDBObjectStore.prototype.put = put;
      // Edits after the build find each document's old rows in the segment.
      await db.bulkDocs(
        docs.slice(0, 300).map((d, i) => ({ ...d, _rev: written[i]!.rev, n: d.n + 1000 })),
      );
      const stored = await db.query('v/n', { reduce: false });
      const temp = await db.query({ map }, { reduce: false });
      await db.destroy();
      return {
        total: built.total_rows,
        counted,
        same: JSON.stringify(stored) === JSON.stringify(temp),
        rows: stored.rows.length,
      };
    });
    expect(out.total).toBe(1000);
    // 1,000 rows; 8 bucket records (of 128 documents) and the checkpoint, not 1,000 key
    // records; and `meta`, once a commit.
    expect(out.counted.docs).toBe(1000);
    expect(out.counted.locals).toBe(Math.ceil(1000 / 128) + 1);
    expect(out.same).toBe(true);
    expect(out.rows).toBe(1000);
  });
});
