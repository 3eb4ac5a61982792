import { describe, expect, it } from 'vitest';
import { newDb, Satchel, type Storage } from './helpers.js';

const DDOC = {
  _id: '_design/d',
  views: { v: { map: 'function (d) { if (d.n !== undefined) emit(d.n, 1); }', reduce: '_sum' } },
};

/** `count` documents with ids starting `prefix`. */
function docs(prefix: string, count: number): { _id: string; n: number }[] {
  return Array.from({ length: count }, (_, n) => ({ _id: `${prefix}${n}`, n }));
}

describe.each<Storage>(['memory', 'leveldb'])('view lifecycle on %s', (storage) => {
  it('answers two handles of one database querying a view at once', async () => {
    const a = newDb(storage);
    const b = new Satchel(a.name, { adapter: storage });
    await a.bulkDocs([DDOC, ...docs('x', 300)]);
    for (let round = 0; round < 3; round++) {
      await b.bulkDocs(docs(`y${round}-`, 100));
      const expected = 300 + 100 * (round + 1);
      const answers = await Promise.all([
        a.query('d/v', { reduce: false }),
        b.query('d/v', { reduce: false }),
        a.query('d/v'),
        b.query('d/v'),
      ]);
      expect(answers.map((r) => r.rows.length)).toEqual([expected, expected, 1, 1]);
      expect(answers[2]?.rows[0]?.value).toBe(expected);
      expect(answers[3]?.rows[0]?.value).toBe(expected);
    }
    await b.close();
    await a.destroy();
  });

  it('fails a query whose source closes while its view builds with "database is closed"', async () => {
    const db = newDb(storage);
    await db.bulkDocs([DDOC, ...docs('x', 3000)]);
    // Closed once the build has read a few batches of the changes feed.
    let batches = 0;
    db.on('indexing', () => {
      if (++batches === 3) void db.close();
    });
    const err = await db.query('d/v').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('database is closed');
    const reopened = new Satchel(db.name, { adapter: storage });
    expect((await reopened.query('d/v')).rows[0]?.value).toBe(3000);
    await reopened.destroy();
  });

  it('lets a query building a view finish before viewCleanup destroys its index', async () => {
    const db = newDb(storage);
    await db.bulkDocs([DDOC, ...docs('x', 3000)]);
    let cleanup: Promise<unknown> | undefined;
    let batches = 0;
    db.on('indexing', () => {
      if (++batches !== 3) return;
      // The design doc goes while its view builds: its index is now unused.
      cleanup = db
        .get('_design/d')
        .then((ddoc) => db.remove(ddoc))
        .then(() => db.viewCleanup());
    });
    const res = await db.query('d/v', { reduce: false, limit: 1 });
    expect(res.total_rows).toBe(3000);
    await cleanup;
    const deps = (await db.get('_local/_pouch_dependentDbs')) as { dependentDbs: object };
    for (const name of Object.keys(deps.dependentDbs)) {
      const info = await new Satchel(name, { adapter: storage }).info();
      expect(info.doc_count).toBe(0);
    }
    await db.destroy();
  });
});
