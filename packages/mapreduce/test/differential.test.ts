import { describe, expect, it } from 'vitest';
import { newDb, newPouch, outcome, type PouchLike, type Satchel, type Storage } from './helpers.js';
import { conflictingRevisions, pick, prng, randomDocs } from './random-data.js';
import { DESIGN_DOC, ORACLE_DESIGN_DOC, randomOptions, VIEW_NAMES } from './random-options.js';
import { writeBoth } from './write-both.js';

const QUERIES_PER_SEED = 30;

/** A deep copy, so neither implementation sees the other's mutations of the options. */
const copy = <T>(value: T): T => structuredClone(value);

/** Counts the `error` events a database emits (what map and reduce functions throw). */
function countErrors(db: { on(event: string, fn: () => void): unknown }): { count: number } {
  const errors = { count: 0 };
  db.on('error', () => {
    errors.count += 1;
  });
  return errors;
}

/** The same random documents, with conflicts, in both databases. */
async function seedBoth(db: Satchel, pouch: PouchLike, rand: () => number): Promise<void> {
  const docs = randomDocs(rand, 4 + Math.floor(rand() * 20));
  await db.bulkDocs(copy([...docs, DESIGN_DOC]));
  await pouch.bulkDocs(copy([...docs, ORACLE_DESIGN_DOC]));
  const conflicts = conflictingRevisions(rand, docs);
  await db.bulkDocs(copy(conflicts), { new_edits: false });
  await pouch.bulkDocs(copy(conflicts), { new_edits: false });
}

/** Random queries on design-doc views, with writes in between; every outcome compared. */
function persistentDifferential(storage: Storage, seeds: number[]): void {
  for (const seed of seeds) {
    it(`gives identical results (seed ${seed})`, async () => {
      const rand = prng(seed);
      const db = newDb(storage);
      const pouch = newPouch(storage);
      const ourErrors = countErrors(db);
      const theirErrors = countErrors(pouch);
      await seedBoth(db, pouch, rand);
      for (let q = 0; q < QUERIES_PER_SEED; q++) {
        if (q % 6 === 5) await writeBoth(db, pouch, randomDocs(rand, 3));
        const view = pick(rand, VIEW_NAMES);
        const opts = randomOptions(rand);
        const ours = await outcome(db.query(view, copy(opts)));
        const theirs = await outcome(pouch.query(view, copy(opts)));
        expect(ours, `${view} ${JSON.stringify(opts)}`).toEqual(theirs);
      }
      // A last full read of every view waits for background updates, then errors compare.
      for (const view of VIEW_NAMES) {
        const opts = { reduce: false };
        expect(await outcome(db.query(view, opts))).toEqual(await outcome(pouch.query(view, opts)));
      }
      expect(ourErrors.count).toBe(theirErrors.count);
      await db.destroy();
      await pouch.destroy();
    });
  }
}

describe('differential against pouchdb@9: design-doc views on memory', () => {
  persistentDifferential('memory', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

describe('differential against pouchdb@9: design-doc views on leveldb', () => {
  persistentDifferential('leveldb', [201, 202, 203]);
});

describe('differential against pouchdb@9: temporary views', () => {
  for (let seed = 101; seed <= 105; seed++) {
    it(`gives identical results (seed ${seed})`, async () => {
      const rand = prng(seed);
      const db = newDb();
      const pouch = newPouch();
      const ourErrors = countErrors(db);
      const theirErrors = countErrors(pouch);
      await seedBoth(db, pouch, rand);
      for (let q = 0; q < 8; q++) {
        const name = pick(rand, VIEW_NAMES).slice(2) as keyof typeof DESIGN_DOC.views;
        const opts = randomOptions(rand);
        delete opts.stale;
        const ours = await outcome(db.query(DESIGN_DOC.views[name], copy(opts)));
        const theirs = await outcome(pouch.query(ORACLE_DESIGN_DOC.views[name], copy(opts)));
        expect(ours, `${name} ${JSON.stringify(opts)}`).toEqual(theirs);
      }
      expect(ourErrors.count).toBe(theirErrors.count);
      await db.destroy();
      await pouch.destroy();
    });
  }
});
