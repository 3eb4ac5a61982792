import { afterEach, describe, expect, it } from 'vitest';
import { newDb, newPouch, Satchel, type Storage } from './helpers.js';

/** A map function that counts its calls in a global, so a test can see how many docs it mapped. */
const COUNTING_DDOC = {
  _id: '_design/work',
  views: {
    by_n: {
      map: 'function (doc) { globalThis.__mapreduceMapped = (globalThis.__mapreduceMapped || 0) + 1; emit(doc.n); }',
    },
  },
};

const counter = globalThis as { __mapreduceMapped?: number };

/** How many documents the counting map function maps while `run` runs. */
async function mappedDuring(run: () => Promise<unknown>): Promise<number> {
  counter.__mapreduceMapped = 0;
  await run();
  return counter.__mapreduceMapped ?? 0;
}

/** Documents `d<from>`…`d<to - 1>`. */
function docs(from: number, to: number): { _id: string; n: number }[] {
  return Array.from({ length: to - from }, (_, i) => ({
    _id: `d${String(from + i).padStart(5, '0')}`,
    n: from + i,
  }));
}

const open: Satchel[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy().catch(() => undefined);
});

describe.each<Storage>(['memory', 'leveldb'])('incremental updates on %s', (storage) => {
  it('maps only the documents written since the last query', async () => {
    const db = newDb(storage);
    open.push(db);
    await db.bulkDocs([COUNTING_DDOC, ...docs(0, 1000)]);
    expect(await mappedDuring(() => db.query('work/by_n', { limit: 1 }))).toBe(1000);
    expect(await mappedDuring(() => db.query('work/by_n', { limit: 1 }))).toBe(0);

    await db.bulkDocs(docs(1000, 1010));
    const first = await db.get('d00000');
    await db.put({ ...first, n: -1 });
    const progress: { results_count?: number }[] = [];
    db.on('indexing', (event: { results_count?: number }) => progress.push(event));
    const mapped = await mappedDuring(async () => {
      const res = await db.query('work/by_n', { limit: 2 });
      expect(res.total_rows).toBe(1010);
      expect(res.rows.map((r) => r.key)).toEqual([-1, 1]);
    });
    expect(mapped).toBe(11);
    const read = progress.reduce((sum, e) => sum + (e.results_count ?? 0), 0);
    expect(read).toBe(11);
  });
});

describe('indexing progress', () => {
  it('emits PouchDB-shaped indexing events and a view_indexing task', async () => {
    const db = newDb();
    const pouch = newPouch();
    open.push(db);
    const batch = [COUNTING_DDOC, ...docs(0, 120)];
    await db.bulkDocs(structuredClone(batch));
    await pouch.bulkDocs(structuredClone(batch));
    const ours: unknown[] = [];
    const theirs: unknown[] = [];
    const tasks: unknown[] = [];
    db.on('indexing', (e: unknown) => {
      ours.push(e);
      tasks.push(...Satchel.activeTasks.list().map((t) => t.name));
    });
    pouch.on('indexing', (e: unknown) => theirs.push(e));
    await db.query('work/by_n', { limit: 0 });
    await pouch.query('work/by_n', { limit: 0 });
    const ourName = (await db.info()).db_name;
    const theirName = (await pouch.info()).db_name;
    // Same index database name (PouchDB's view signature), same events.
    expect(JSON.parse(JSON.stringify(ours).replaceAll(ourName, 'DB'))).toEqual(
      JSON.parse(JSON.stringify(theirs).replaceAll(theirName, 'DB')),
    );
    expect(ours).toHaveLength(4);
    expect(tasks).toContain('view_indexing');
    expect(Satchel.activeTasks.list().filter((t) => t.name === 'view_indexing')).toEqual([]);
    await pouch.destroy();
  });
});
