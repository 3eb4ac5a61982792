import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Bridged } from './bridged-satchel.js';
import { loadPouchDB, pouchLeveldb } from './pouch-modules.js';

const dir = mkdtempSync(join(tmpdir(), 'satchel-bridge-revisions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;
const path = (): string => join(dir, `db-${++counter}`);

interface Db {
  bulkDocs(docs: object[], opts: object): Promise<unknown>;
  info(): Promise<{ doc_count: number }>;
  changes(opts: object): Promise<{ results: { id: string; changes: { rev: string }[] }[] }>;
  close(): Promise<void>;
  destroy(): Promise<void>;
}
type Ctor = new (name: string, opts: object) => Db;

describe('replicated revisions through a bridged PouchDB adapter', () => {
  it('a _revisions no later edit could name is refused before the adapter stores it', async () => {
    const db = new (Bridged as unknown as Ctor)(path(), { adapter: 'leveldb' });
    const write = db.bulkDocs([{ _id: 'r', _revisions: { start: 2, ids: [1, 2] } }], {
      new_edits: false,
    });
    await expect(write).rejects.toMatchObject({ status: 400, reason: "RevId isn't a string" });
    expect((await db.info()).doc_count).toBe(0);
    await db.destroy();
  });

  it('a stored winner the adapter cannot read back is listed by changes, not a crash', async () => {
    // pouchdb@9 stores a generation past 2^53 under another key than its tree names.
    const PouchDB = loadPouchDB() as Ctor & { plugin(p: unknown): void };
    PouchDB.plugin(pouchLeveldb);
    const name = path();
    const pouch = new PouchDB(name, { adapter: 'leveldb' });
    await pouch.bulkDocs(
      [
        { _id: 'ok', _rev: '1-a' },
        { _id: 'r', _revisions: { start: 2 ** 53 + 1, ids: ['a'] } },
      ],
      { new_edits: false },
    );
    await pouch.close();
    const db = new (Bridged as unknown as Ctor)(name, { adapter: 'leveldb' });
    const { results } = await db.changes({});
    expect(results.map((row) => row.id)).toEqual(['ok', 'r']);
    expect(results[1]?.changes).toEqual([{ rev: expect.stringMatching(/^900719925474099\d-a$/) }]);
    await db.destroy();
  });
});
