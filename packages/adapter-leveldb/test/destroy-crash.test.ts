import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChangesResponse, Satchel } from '@satchel/core';
import { ClassicLevel } from 'classic-level';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeveldbAdapterPlugin } from '../src/index.js';
import { buildChild, runChild, startChild } from './helpers/child-process.js';

Satchel.plugin(LeveldbAdapterPlugin);

const DOCS = 300;

let bundle: { path: string; remove: () => Promise<void> };
let dir = '';
/** A filled directory store, and a filled classic-level one used with the `level` option. */
let filled = '';
let filledLevel = '';

beforeAll(async () => {
  bundle = await buildChild();
  dir = await mkdtemp(join(tmpdir(), 'satchel-destroy-crash-'));
  filled = join(dir, 'filled');
  filledLevel = join(dir, 'filled-level');
  await runChild(bundle.path, ['fill', filled, String(DOCS)]);
  await runChild(bundle.path, ['level-fill', filledLevel, String(DOCS)]);
}, 60_000);

afterAll(async () => {
  await bundle?.remove();
  await rm(dir, { recursive: true, force: true });
});

/** Runs a `*-destroy-cut` child on a copy of `source` and waits for its SIGKILL. */
async function cutDestroy(mode: string, source: string, n: number): Promise<string> {
  const copy = join(dir, `${mode}-${n}`);
  await cp(source, copy, { recursive: true });
  const child = startChild(bundle.path, [mode, copy, String(n)]);
  await child.exited;
  expect(child.process.signalCode, child.stderr).toBe('SIGKILL');
  expect(child.lines).toEqual([]);
  return copy;
}

/**
 * The database after an interrupted destroy: either all there or empty, consistent, and
 * writable.
 */
async function expectWholeOrEmpty(db: Satchel): Promise<'whole' | 'empty'> {
  const info = await db.info();
  const all = await db.allDocs();
  const changes = (await db._adapter.changes({ since: 0 })) as ChangesResponse;
  expect(all.rows.length).toBe(info.doc_count);
  expect(changes.results.length).toBe(info.doc_count);
  expect(changes.last_seq).toBe(info.update_seq);
  const state = info.doc_count === 0 ? 'empty' : 'whole';
  expect(info.doc_count).toBe(state === 'empty' ? 0 : DOCS);
  const local = await db.get('_local/marker').catch(() => undefined);
  expect(local !== undefined).toBe(state === 'whole');
  await db.put({ _id: 'after-crash' });
  expect((await db.info()).doc_count).toBe(info.doc_count + 1);
  return state;
}

describe('SIGKILL during destroy()', () => {
  // A store's files: its logs, tables, MANIFEST, CURRENT, LOG, LOCK (6 or more).
  it.each([0, 1, 2, 3, 4, 5])(
    'of a directory, after %i file removals: the name opens whole or empty',
    async (n) => {
      const copy = await cutDestroy('destroy-cut', filled, n);
      const db = new Satchel(copy, { adapter: 'leveldb' });
      try {
        // The destroy had started removing files: what remains is finished off.
        expect(await expectWholeOrEmpty(db)).toEqual(n === 0 ? expect.any(String) : 'empty');
      } finally {
        await db.close();
      }
    },
    30_000,
  );

  // Seven sublevels: documents, revisions, seqs, locals, attachment records, bytes, meta.
  it.each([1, 2, 3, 6])(
    'of a store given with `level`, after %i sublevel clears: it opens empty, with no key left',
    async (n) => {
      const copy = await cutDestroy('level-destroy-cut', filledLevel, n);
      const level = new ClassicLevel(copy);
      const db = new Satchel('in-level', { adapter: 'leveldb', level } as never);
      try {
        expect(await expectWholeOrEmpty(db)).toBe('empty');
        await db.destroy();
        expect(await level.keys().all()).toEqual([]);
      } finally {
        await level.close();
      }
    },
    30_000,
  );
});
