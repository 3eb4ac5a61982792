import {
  access,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changesPlugin } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import { ClassicLevel } from 'classic-level';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inspectDirectory,
  MIGRATED_MARKER,
  migratePouchDB,
  pouchMigratingLeveldbAdapter,
  removePouchDBOriginal,
} from '../src/index.js';
import { PouchDB, snapshot, writeSmallFixture } from './helpers/pouch-fixture.js';

Satchel.adapter('leveldb', pouchMigratingLeveldbAdapter, true);
Satchel.plugin(changesPlugin);

let dir = '';
let fixture = '';
let expected: unknown;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satchel-migrate-'));
  fixture = join(dir, 'fixture');
  await writeSmallFixture(fixture, 300);
  const db = new PouchDB(fixture);
  expected = await snapshot(db);
  await db.close();
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let counter = 0;
/** A fresh copy of the PouchDB fixture. */
async function copyOfFixture(): Promise<string> {
  const path = join(dir, `db-${++counter}`);
  await cp(fixture, path, { recursive: true });
  return path;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Rewrites one raw key of a PouchDB database (a damaged file, in effect). */
async function damage(path: string, key: string, value: string | Uint8Array): Promise<void> {
  const db = new ClassicLevel<string, string | Uint8Array>(path, {
    valueEncoding: typeof value === 'string' ? 'utf8' : 'view',
  });
  await db.put(key, value);
  await db.close();
}

describe('migratePouchDB', () => {
  it('turns the directory into a Satchel database with the same answers, keeping the original', async () => {
    const path = await copyOfFixture();
    expect(await inspectDirectory(path)).toBe('pouchdb');
    const result = await migratePouchDB(path);
    expect(result).toMatchObject({ migrated: true, original: `${path}.pouchdb` });
    expect(result.stats).toMatchObject({ docs: 302, locals: 1, attachments: 2 });
    expect(await inspectDirectory(path)).toBe('satchel');
    const marker = JSON.parse(await readFile(join(path, MIGRATED_MARKER), 'utf8'));
    expect(marker.stats).toEqual(result.stats);
    const db = new Satchel(path);
    expect(await snapshot(db)).toEqual(expected);
    expect(await db.get('_local/checkpoint')).toMatchObject({ last_seq: 7 });
    await db.close();
    const original = new PouchDB(`${path}.pouchdb`);
    expect(await snapshot(original)).toEqual(expected);
    await original.close();
  });

  it('destroying a migrated database removes its marker and directory, not the kept original', async () => {
    const path = await copyOfFixture();
    const db = new Satchel(path);
    expect((await db.info()).doc_count).toBeGreaterThan(0);
    await db.destroy();
    expect(await exists(path)).toBe(false);
    expect(await exists(`${path}.pouchdb`)).toBe(true);
  });

  it('leaves Satchel and absent directories alone', async () => {
    expect(await migratePouchDB(join(dir, 'nothing-here'))).toEqual({ migrated: false });
    const path = join(dir, `satchel-${++counter}`);
    const db = new Satchel(path);
    await db.put({ _id: 'x' });
    await db.close();
    expect(await inspectDirectory(path)).toBe('satchel');
    expect(await migratePouchDB(path)).toEqual({ migrated: false });
  });

  it('finishes a migration cut between its two renames', async () => {
    const path = await copyOfFixture();
    await migratePouchDB(path);
    // The state after the original moved aside and before the new directory moved in.
    await rename(path, `${path}.migrating`);
    const db = new Satchel(path);
    expect(await snapshot(db)).toEqual(expected);
    await db.close();
    expect(await exists(`${path}.migrating`)).toBe(false);
  });

  it('starts again when a half-written migration is found', async () => {
    const path = await copyOfFixture();
    await mkdir(`${path}.migrating`);
    await writeFile(join(`${path}.migrating`, 'CURRENT'), 'half written\n');
    const db = new Satchel(path);
    expect(await snapshot(db)).toEqual(expected);
    await db.close();
  });

  it('removes the kept original only when asked', async () => {
    const path = await copyOfFixture();
    const db = new Satchel(path);
    await db.info();
    await db.close();
    expect(await exists(`${path}.pouchdb`)).toBe(true);
    const again = new Satchel(path, { pouchdbMigration: { removeOriginal: true } });
    expect(await snapshot(again)).toEqual(expected);
    await again.close();
    expect(await exists(`${path}.pouchdb`)).toBe(false);
    expect(await removePouchDBOriginal(path)).toBe(false);
  });
});

describe('input that cannot be migrated', () => {
  /** Opens `path` with Satchel and returns the error every call gives. */
  async function openError(path: string): Promise<{ status?: number; message: string }> {
    const db = new Satchel(path);
    const err = await db.info().then(
      () => {
        throw new Error('opened without error');
      },
      (e: { status?: number; message: string }) => e,
    );
    await db.close().catch(() => undefined);
    return err;
  }

  it('corrupt metadata: names the database and the format, the original stays', async () => {
    const path = await copyOfFixture();
    await damage(path, '\xffdocument-store\xffd0007', '{"id": "d0007", "rev_tree": [');
    const err = await openError(path);
    expect(err.status).toBe(500);
    expect(err.message).toContain(path);
    expect(err.message).toContain("PouchDB's leveldb adapter format");
    expect(err.message).toContain('d0007');
    expect(await inspectDirectory(path)).toBe('pouchdb');
    expect(await exists(`${path}.pouchdb`)).toBe(false);
  });

  it('attachment bytes that do not match their digest', async () => {
    const path = await copyOfFixture();
    const db = new PouchDB(path);
    const all = (await db.allDocs({ keys: ['att-a'], include_docs: true })) as unknown as {
      rows: { doc: { _attachments: Record<string, { digest: string }> } }[];
    };
    await db.close();
    const digest = all.rows[0]?.doc._attachments['a.txt']?.digest as string;
    await damage(path, `\xffattach-binary-store\xff${digest}`, new Uint8Array([1, 2, 3]));
    const err = await openError(path);
    expect(err.message).toContain(path);
    expect(err.message).toContain(digest);
    expect(await inspectDirectory(path)).toBe('pouchdb');
  });

  it('a layout older than PouchDB 5', async () => {
    const path = await copyOfFixture();
    await damage(path, '\xffby-sequence\xff_local_uuid', '"old"');
    const err = await openError(path);
    expect(err.message).toContain('older than 5.0');
  });

  it("a directory that also holds files that are not the database's: refused, nothing moved", async () => {
    const path = await copyOfFixture();
    await writeFile(join(path, 'notes.txt'), 'mine');
    const err = await migratePouchDB(path).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 500, name: 'pouchdb_migration' });
    expect((err as Error).message).toContain(
      "the directory also holds files that are not the database's (notes.txt); move them out first",
    );
    expect(await exists(`${path}.pouchdb`)).toBe(false);
    expect(await exists(`${path}.migrating`)).toBe(false);
    expect(await inspectDirectory(path)).toBe('pouchdb');
    expect(await readFile(join(path, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('a directory LevelDB cannot read', async () => {
    const path = join(dir, `garbage-${++counter}`);
    await mkdir(path);
    await writeFile(join(path, 'CURRENT'), 'not a manifest name\n');
    const err = await openError(path);
    expect(err.message).toContain(path);
    expect(err.message).toContain('unknown format');
  });

  it('a directory whose CURRENT file is missing: refused, not opened as a new database', async () => {
    const path = await copyOfFixture();
    await rm(join(path, 'CURRENT'));
    const files = await readdir(path);
    expect(files.some((name) => /^\d+\.(ldb|log)$/.test(name))).toBe(true);
    const err = await openError(path);
    expect(err).toMatchObject({ status: 500, name: 'pouchdb_migration' });
    expect(err.message).toContain(path);
    expect(err.message).toContain("LevelDB's CURRENT file is missing");
    expect(await exists(join(path, 'CURRENT'))).toBe(false);
    expect(await exists(`${path}.pouchdb`)).toBe(false);
    // Opened, LevelDB would start a new database and delete the tables it does not list.
    expect(await readdir(path)).toEqual(files);
  });
});
