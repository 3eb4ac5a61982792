import { access, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changesPlugin } from '@satchel/changes';
import { Satchel } from '@satchel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inspectDirectory,
  type MigrationProgress,
  pouchMigratingLeveldbAdapter,
} from '../src/index.js';
import { buildChild, startChild } from './helpers/child-process.js';
import { PouchDB, snapshot, writeSmallFixture } from './helpers/pouch-fixture.js';

Satchel.adapter('leveldb', pouchMigratingLeveldbAdapter, true);
Satchel.plugin(changesPlugin);

let dir = '';
let fixture = '';
let expected: unknown;
let bundle: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satchel-migrate-kill-'));
  fixture = join(dir, 'fixture');
  await writeSmallFixture(fixture, 600);
  const db = new PouchDB(fixture);
  expected = await snapshot(db);
  await db.close();
  bundle = await buildChild();
}, 120_000);

afterAll(async () => {
  await bundle?.remove();
  await rm(dir, { recursive: true, force: true });
});

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

const isProgress = (line: unknown): line is MigrationProgress =>
  typeof (line as MigrationProgress).phase === 'string';

/** Kill points: after the nth progress line of a phase (commits of 20 items each). */
const killPoints: { phase: MigrationProgress['phase']; nth: number }[] = [
  { phase: 'documents', nth: 1 },
  { phase: 'documents', nth: 15 },
  { phase: 'local documents', nth: 1 },
  { phase: 'attachments', nth: 1 },
];

describe('SIGKILL during a migration', () => {
  it.each(killPoints)(
    'killed after $phase commit #$nth: nothing is lost, the next open completes it',
    async ({ phase, nth }) => {
      const path = join(dir, `${phase.replace(' ', '-')}-${nth}`);
      await cp(fixture, path, { recursive: true });
      const child = startChild(bundle.path, [path]);
      let seen = 0;
      await child.waitFor((line) => isProgress(line) && line.phase === phase && ++seen === nth);
      child.process.kill('SIGKILL');
      await child.exited;
      expect(child.lines.some((l) => (l as { done?: unknown }).done === true)).toBe(false);

      // Killed mid-way: PouchDB's directory is where it was, intact and readable by PouchDB,
      // next to the half-built copy.
      expect(await inspectDirectory(path)).toBe('pouchdb');
      expect(await exists(`${path}.migrating`)).toBe(true);
      const original = path;
      const pouch = new PouchDB(original);
      expect(await snapshot(pouch)).toEqual(expected);
      await pouch.close();

      const db = new Satchel(path);
      expect(await snapshot(db)).toEqual(expected);
      expect(await db.get('_local/checkpoint')).toMatchObject({ last_seq: 7 });
      await db.close();
      expect(await exists(`${path}.migrating`)).toBe(false);
      expect(await inspectDirectory(path)).toBe('satchel');
      expect(await inspectDirectory(`${path}.pouchdb`)).toBe('pouchdb');
    },
    60_000,
  );
});

describe('SIGKILL at a random moment (copy, verification, marker or renames)', () => {
  it.each([0, 1, 2, 3])(
    'run %i: the original stays readable and the next open completes',
    async (run) => {
      const path = join(dir, `random-${run}`);
      await cp(fixture, path, { recursive: true });
      const child = startChild(bundle.path, [path]);
      await child.waitFor(isProgress);
      // The child needs about 1.5 s with its pauses; some kills land after it finished.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2000));
      child.process.kill('SIGKILL');
      await child.exited;
      // Wherever the kill landed, PouchDB's data is whole: still in place, or moved aside after
      // the copy was verified.
      const original =
        (await inspectDirectory(path).catch(() => 'moved')) === 'pouchdb'
          ? path
          : `${path}.pouchdb`;
      const pouch = new PouchDB(original);
      expect(await snapshot(pouch)).toEqual(expected);
      await pouch.close();
      const db = new Satchel(path);
      expect(await snapshot(db)).toEqual(expected);
      await db.close();
      expect(await inspectDirectory(path)).toBe('satchel');
      expect(await exists(`${path}.migrating`)).toBe(false);
    },
    60_000,
  );
});
