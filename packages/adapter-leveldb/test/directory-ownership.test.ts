import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Satchel } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryEngine, LeveldbAdapterPlugin } from '../src/index.js';

Satchel.plugin(LeveldbAdapterPlugin);

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satchel-ownership-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("a database directory and the files that are not the database's", () => {
  it('destroy() removes the database from a directory holding other files, and only it', async () => {
    // A name is a path: here, a directory that already holds someone's files.
    const home = join(dir, 'home');
    await mkdir(join(home, 'photos'), { recursive: true });
    await writeFile(join(home, 'notes.txt'), 'mine');
    const db = new Satchel(home, { adapter: 'leveldb' });
    await db.bulkDocs([
      { _id: 'a' },
      { _id: 'b', _attachments: { f: { content_type: 'text/plain', data: 'eA==' } } },
    ]);
    expect((await readdir(home)).length).toBeGreaterThan(2);
    await db.destroy();
    expect((await readdir(home)).sort()).toEqual(['notes.txt', 'photos']);
    // The name opens a new, empty database there again.
    const again = new Satchel(home, { adapter: 'leveldb' });
    expect((await again.info()).doc_count).toBe(0);
    await again.destroy();
    expect((await readdir(home)).sort()).toEqual(['notes.txt', 'photos']);
  });

  it('destroy() removes a directory that held only the database, its own marker files too', async () => {
    const own = join(dir, 'own');
    const engine = new DirectoryEngine(own, { ownFiles: ['MARKER.json'] });
    await engine.open();
    await writeFile(join(own, 'MARKER.json'), '{}');
    await engine.destroy();
    expect(existsSync(own)).toBe(false);
  });

  it.each(['', '.', './', '..', 'a/..', '/'])(
    'the name %j, which names no directory of its own, is refused before anything is written',
    (name) => {
      expect(() => new Satchel(name, { adapter: 'leveldb' })).toThrow(
        `Invalid database name for the leveldb adapter: "${name}" names no directory of its own`,
      );
    },
  );
});
