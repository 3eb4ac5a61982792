import { afterEach, describe, expect, it } from 'vitest';
import { newDb, type Satchel } from './helpers.js';

/**
 * A query with a `limit` whose conditions the index cannot all decide reads its range a page
 * at a time and stops once it has enough rows: these tests count the documents it reads, and
 * check the answer against the one a brute-force filter of every document gives.
 */

// A type alias, not an interface: `bulkDocs` takes documents as open records.
type Doc = {
  _id: string;
  n: number;
  tag: string;
};

const COUNT = 1000;
const docs: Doc[] = Array.from({ length: COUNT }, (_, i) => ({
  _id: `d${String(i).padStart(4, '0')}`,
  // 100 documents share n = 0, the exclusive start of `$gt: 0`, so they span several pages.
  n: i < 100 ? 0 : i,
  tag: i % 7 === 0 ? 'x' : 'y',
}));

/**
 * Counts the documents `db.allDocs` hands out with `include_docs` (what find reads), leaving
 * out the read of the design documents that lists the indexes.
 */
function countDocsRead(db: Satchel): { count: number } {
  const counter = { count: 0 };
  const allDocs = db.allDocs.bind(db);
  db.allDocs = (async (opts: Parameters<Satchel['allDocs']>[0]) => {
    const res = await allDocs(opts as never);
    const asked = opts as { include_docs?: boolean; startkey?: string } | undefined;
    if (asked?.include_docs && asked.startkey !== '_design/') {
      counter.count += res.rows.length;
    }
    return res;
  }) as Satchel['allDocs'];
  return counter;
}

const ids = (res: { docs: { _id: string }[] }) => res.docs.map((d) => d._id);
const byN = (a: Doc, b: Doc) => a.n - b.n || (a._id < b._id ? -1 : 1);

let db: Satchel;

afterEach(async () => {
  await db.destroy();
});

async function seeded(index: boolean): Promise<Satchel> {
  db = newDb();
  await db.bulkDocs(docs);
  if (index) await db.createIndex({ index: { fields: ['n'] } });
  return db;
}

describe('finds with a limit read their range in pages', () => {
  it('an index range with a condition left to memory stops once the limit is met', async () => {
    await seeded(true);
    const read = countDocsRead(db);
    const res = await db.find({ selector: { n: { $gt: 0 }, tag: 'x' }, limit: 5 });
    const expected = docs.filter((d) => d.n > 0 && d.tag === 'x').sort(byN);
    expect(ids(res)).toEqual(expected.slice(0, 5).map((d) => d._id));
    // The range starts at n = 0 (the exclusive start: 100 entries read and dropped); pages of
    // 32, 64 and 128 hold enough. The whole range is 1,000 documents.
    expect(read.count).toBeLessThanOrEqual(32 + 64 + 128);
  });

  it('the same with skip and an ascending sort on the indexed field', async () => {
    await seeded(true);
    const read = countDocsRead(db);
    const res = await db.find({
      selector: { n: { $gte: 500 }, tag: 'x' },
      sort: [{ n: 'asc' }],
      skip: 3,
      limit: 4,
    });
    const expected = docs.filter((d) => d.n >= 500 && d.tag === 'x').sort(byN);
    expect(ids(res)).toEqual(expected.slice(3, 7).map((d) => d._id));
    // Seven wanted, one in seven matches: pages of 32 and 64.
    expect(read.count).toBeLessThanOrEqual(32 + 64);
  });

  it('a descending sort is answered like a whole read', async () => {
    await seeded(true);
    const res = await db.find({
      selector: { n: { $gt: 0 }, tag: 'x' },
      sort: [{ n: 'desc' }],
      limit: 4,
    });
    const expected = docs
      .filter((d) => d.n > 0 && d.tag === 'x')
      .sort(byN)
      .reverse();
    expect(ids(res)).toEqual(expected.slice(0, 4).map((d) => d._id));
  });

  it('without an index, the scan of _all_docs stops once the limit is met', async () => {
    await seeded(true);
    const read = countDocsRead(db);
    const res = await db.find({ selector: { tag: 'x' }, limit: 3 });
    expect(ids(res)).toEqual(
      docs
        .filter((d) => d.tag === 'x')
        .slice(0, 3)
        .map((d) => d._id),
    );
    expect(res.warning).toBeDefined();
    // The design document of the index is an entry of _all_docs too, and is not answered.
    expect(read.count).toBeLessThanOrEqual(32);
  });

  it('a range with no match is read whole, each document once', async () => {
    await seeded(true);
    const read = countDocsRead(db);
    const viaIndex = await db.find({ selector: { n: { $gt: 0 }, tag: 'none' }, limit: 2 });
    const noIndex = await db.find({ selector: { tag: 'none' }, limit: 2 });
    expect(viaIndex.docs).toEqual([]);
    expect(noIndex.docs).toEqual([]);
    // Through the index: all 1,000 (the 100 at n = 0 are the exclusive start, read and
    // dropped). Without: the 1,000 and the index's design document.
    expect(read.count).toBe(COUNT + COUNT + 1);
  });

  it('a limit no range can fill reads to the end and answers every match', async () => {
    await seeded(true);
    const res = await db.find({ selector: { n: { $gt: 0 }, tag: 'x' }, limit: 10_000 });
    expect(res.docs).toHaveLength(docs.filter((d) => d.n > 0 && d.tag === 'x').length);
  });

  it('a write between two pages makes the query read its range whole, after the write', async () => {
    await seeded(true);
    const allDocs = db.allDocs.bind(db);
    let calls = 0;
    db.allDocs = (async (opts: Parameters<Satchel['allDocs']>[0]) => {
      const res = await allDocs(opts as never);
      calls += 1;
      // After the first page: a new match sorts before everything read so far.
      if (calls === 1) await db.put({ _id: 'a-new', n: 1, tag: 'x' });
      return res;
    }) as Satchel['allDocs'];
    const res = await db.find({ selector: { n: { $gt: 0 }, tag: 'x' }, limit: 3 });
    const after = [...docs, { _id: 'a-new', n: 1, tag: 'x' }]
      .filter((d) => d.n > 0 && d.tag === 'x')
      .sort(byN);
    expect(ids(res)).toEqual(after.slice(0, 3).map((d) => d._id));
  });
});
