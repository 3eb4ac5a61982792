import { afterEach, describe, expect, it } from 'vitest';
import { KeySegments, MAX_SEGMENTS, SEGMENT_MIN_DOCS } from '../src/key-segments.js';
import { newDb, Satchel, type Storage } from './helpers.js';

/** Documents with no row (`skip`), one row, or two (`twice`). */
const MAP = `function (doc) {
  if (doc.skip) return;
  emit(doc.n, null);
  if (doc.twice) emit([doc.n, 'again'], doc.n);
}`;

const DDOC = { _id: '_design/s', views: { v: { map: MAP } } };

const open: Satchel[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy().catch(() => undefined);
});

/** A database with the design document. */
async function setup(storage: Storage): Promise<Satchel> {
  const db = newDb(storage);
  open.push(db);
  await db.put(DDOC);
  return db;
}

/** Documents `<prefix><from>`…, every third one with two rows, every seventh with none. */
function docs(prefix: string, from: number, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return {
      _id: `${prefix}${String(i).padStart(4, '0')}`,
      n: i,
      twice: i % 3 === 0,
      skip: i % 7 === 0,
    };
  });
}

/** The persistent view's rows, checked against the same map run as a temporary view. */
async function expectCorrect(db: Satchel): Promise<unknown[]> {
  const stored = (await db.query('s/v', { reduce: false })).rows;
  const temp = (await db.query({ map: MAP }, { reduce: false })).rows;
  expect(stored).toEqual(temp);
  expect((await db.query('s/v', { limit: 0 })).total_rows).toBe(temp.length);
  return stored;
}

/** Rewrites the documents with ids in `ids` through `edit`. */
async function edit(
  db: Satchel,
  ids: string[],
  change: (doc: Record<string, unknown>) => Record<string, unknown>,
) {
  const res = await db.allDocs({ keys: ids, include_docs: true });
  const updated = res.rows.map((row) => change((row as { doc: Record<string, unknown> }).doc));
  const results = (await db.bulkDocs(updated)) as { error?: unknown }[];
  expect(results.filter((r) => r.error)).toEqual([]);
}

/** The key segments the view's index checkpoint lists (memory databases only: shared by name). */
async function segmentsOf(db: Satchel): Promise<unknown[]> {
  const views = (await db.get('_local/mrviews')) as { views: Record<string, Record<string, true>> };
  const [name] = Object.values(views.views).flatMap((dbs) => Object.keys(dbs));
  const index = new Satchel(name!, { adapter: 'memory' });
  const checkpoint = (await index.get('_local/lastSeq')) as { segments?: unknown[] };
  return checkpoint.segments ?? [];
}

const ids = (prefix: string, from: number, count: number) =>
  docs(prefix, from, count).map((d) => d._id as string);

describe.each<Storage>(['memory', 'leveldb'])('key segments on %s', (storage) => {
  it('keeps an index built into a key segment right through edits and deletions', async () => {
    const db = await setup(storage);
    await db.bulkDocs(docs('d', 0, 300));
    await expectCorrect(db);
    if (storage === 'memory') expect(await segmentsOf(db)).toHaveLength(1);
    // Keys moved, rows added and dropped, documents deleted: each one's old rows are found in
    // the segment (or, the second time, in its own key record) and replaced.
    await edit(db, ids('d', 0, 120), (d) => ({ ...d, n: (d.n as number) + 500, twice: !d.twice }));
    await edit(db, ids('d', 120, 40), (d) => ({ ...d, skip: !d.skip }));
    await edit(db, ids('d', 160, 50), (d) => ({ ...d, _deleted: true }));
    await expectCorrect(db);
    await edit(db, ids('d', 0, 60), (d) => ({ ...d, n: (d.n as number) - 1000 }));
    await edit(db, ids('d', 120, 40), (d) => ({ ...d, skip: !d.skip }));
    await expectCorrect(db);
  });

  it('indexes a purged document re-created alone or among many new ones', async () => {
    const db = await setup(storage);
    await db.bulkDocs(docs('d', 0, 200));
    await expectCorrect(db);
    for (const id of ['d0010', 'd0011']) await db.purge(id, (await db.get(id))._rev);
    await expectCorrect(db);
    // Re-created as first revisions: one on its own (a key record of its own), the other in
    // a bulk load big enough for a new segment.
    await db.put({ _id: 'd0010', n: 9000, twice: true });
    await expectCorrect(db);
    await db.bulkDocs([{ _id: 'd0011', n: 9001 }, ...docs('e', 0, SEGMENT_MIN_DOCS + 20)]);
    await expectCorrect(db);
    if (storage === 'memory') expect(await segmentsOf(db)).toHaveLength(2);
    await edit(db, ['d0010', 'd0011', 'e0001'], (d) => ({ ...d, n: (d.n as number) + 1 }));
    const rows = await expectCorrect(db);
    expect(rows.filter((r) => (r as { id: string }).id === 'd0011')).toHaveLength(1);
  });

  it('merges its key segments as they come, still finding every document', async () => {
    const db = await setup(storage);
    const rounds = MAX_SEGMENTS + 2;
    for (let round = 0; round < rounds; round++) {
      await db.bulkDocs(docs(`r${round}-`, 0, SEGMENT_MIN_DOCS + 20));
      await db.query('s/v', { limit: 0 });
    }
    // A new segment takes in the newest ones no bigger than itself: a segment a round would
    // make 10; they stay about log2 of that.
    if (storage === 'memory') {
      const segments = await segmentsOf(db);
      expect(segments.length).toBeLessThanOrEqual(Math.min(MAX_SEGMENTS, Math.log2(rounds) + 1));
    }
    await expectCorrect(db);
    const touched = Array.from({ length: rounds }, (_, round) => ids(`r${round}-`, 0, 5)).flat();
    await edit(db, touched, (d) => ({ ...d, n: (d.n as number) + 100, twice: !d.twice }));
    await expectCorrect(db);
  });
});

describe('key segments merged as they are added', () => {
  it('stay few, like a binary counter, and keep every entry', async () => {
    const db = newDb('memory');
    open.push(db);
    const segments = new KeySegments(db, [], 0);
    const sizes: number[][] = [];
    for (let round = 0; round < 12; round++) {
      const keys = new Map(Array.from({ length: 200 }, (_, i) => [`r${round}-${i}`, [`k${i}`]]));
      const written = (await db.bulkDocs(await segments.add(keys))) as { error?: unknown }[];
      expect(written.filter((w) => w.error)).toEqual([]);
      sizes.push(segments.segments.map((s) => s.buckets));
    }
    // 200 documents make 2 buckets; a segment takes in the newest ones no bigger than itself.
    expect(sizes.slice(0, 8)).toEqual([[2], [4], [4, 2], [7], [7, 2], [7, 4], [7, 4, 2], [13]]);
    expect(sizes.at(-1)).toEqual([13, 7]);
    // Read back afresh, as the next update would: every document is found, in its bucket.
    const reread = new KeySegments(db, segments.segments, segments.next);
    for (let round = 0; round < 12; round++) {
      expect(await reread.lookup(`r${round}-7`, 0)).toEqual(['k7']);
    }
    expect(await reread.lookup('missing', 0)).toBeUndefined();
  });
});
