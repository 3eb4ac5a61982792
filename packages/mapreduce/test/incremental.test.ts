import { afterEach, describe, expect, it } from 'vitest';
import { newDb, newPouch, Satchel, type Storage } from './helpers.js';

/**
 * A map function that numbers its calls: it runs in a VM context of its own, compiled once for
 * its view, so each row's value says which call mapped the document.
 */
const COUNTING_DDOC = {
  _id: '_design/work',
  views: {
    by_n: {
      map: 'function (doc) { globalThis.calls = (globalThis.calls || 0) + 1; emit(doc.n, globalThis.calls); }',
    },
  },
};

/** Documents `d<from>`…`d<to - 1>`. */
function docs(from: number, to: number): { _id: string; n: number }[] {
  return Array.from({ length: to - from }, (_, i) => ({
    _id: `d${String(from + i).padStart(5, '0')}`,
    n: from + i,
  }));
}

/** Each document's row value (its call number), by document id. */
async function callNumbers(db: Satchel): Promise<Map<string, number>> {
  const res = await db.query('work/by_n', { reduce: false });
  return new Map(res.rows.map((r) => [(r as { id: string }).id, r.value as number]));
}

/** How many changes the index updates read (and mapped) while `run` runs. */
async function changesRead(db: Satchel, run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const listener = (e: { results_count?: number }) => {
    count += e.results_count ?? 0;
  };
  db.on('indexing', listener);
  await run();
  db.removeListener('indexing', listener);
  return count;
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
    expect(await changesRead(db, () => db.query('work/by_n', { limit: 1 }))).toBe(1001);
    const built = await callNumbers(db);
    // One update mapped each of the 1000 documents exactly once.
    expect([...built.values()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 1000 }, (_, i) => i + 1),
    );
    expect(await changesRead(db, () => db.query('work/by_n', { limit: 1 }))).toBe(0);

    await db.bulkDocs(docs(1000, 1010));
    const first = await db.get('d00000');
    await db.put({ ...first, n: -1 });
    let after = new Map<string, number>();
    expect(
      await changesRead(db, async () => {
        after = await callNumbers(db);
      }),
    ).toBe(11);
    const changed = ['d00000', ...docs(1000, 1010).map((d) => d._id)];
    // The 11 written documents were mapped by the next 11 calls (1001…1011) ...
    expect(changed.map((id) => after.get(id)).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 11 }, (_, i) => 1001 + i),
    );
    // ... and the 999 others were not mapped again: their rows kept their first call numbers.
    for (const [id, call] of built) if (id !== 'd00000') expect(after.get(id)).toBe(call);
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
