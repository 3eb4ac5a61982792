import { describe, expect, it } from 'vitest';
import { newDb, newPouch, outcome } from './helpers.js';
import { pick, prng, randomDocs } from './random-data.js';
import { DESIGN_DOC, randomOptions, VIEW_NAMES } from './random-options.js';
import { writeBoth } from './write-both.js';

const SEEDS = 25;
const QUERIES_PER_SEED = 30;

/** A deep copy, so neither implementation sees the other's mutations of the options. */
const copy = <T>(value: T): T => structuredClone(value);

describe('differential against pouchdb@9', () => {
  for (let seed = 1; seed <= SEEDS; seed++) {
    it(`gives identical results (seed ${seed})`, async () => {
      const rand = prng(seed);
      const docs = [...randomDocs(rand, 4 + Math.floor(rand() * 20)), DESIGN_DOC];
      const db = newDb();
      const pouch = newPouch();
      pouch.on('error', () => undefined);
      db.on('error', () => undefined);
      await db.bulkDocs(copy(docs), { new_edits: true });
      await pouch.bulkDocs(copy(docs), { new_edits: true });
      for (let q = 0; q < QUERIES_PER_SEED; q++) {
        if (q % 6 === 5) await writeBoth(db, pouch, randomDocs(rand, 3));
        const view = pick(rand, VIEW_NAMES);
        const opts = randomOptions(rand);
        const ours = await outcome(db.query(view, copy(opts)));
        const theirs = await outcome(pouch.query(view, copy(opts)));
        expect(ours, `${view} ${JSON.stringify(opts)}`).toEqual(theirs);
      }
      await db.destroy();
      await pouch.destroy();
    });
  }
});

describe('differential against pouchdb@9: temporary views', () => {
  for (let seed = 101; seed <= 106; seed++) {
    it(`gives identical results (seed ${seed})`, async () => {
      const rand = prng(seed);
      const docs = randomDocs(rand, 4 + Math.floor(rand() * 12));
      const db = newDb();
      const pouch = newPouch();
      await db.bulkDocs(copy(docs));
      await pouch.bulkDocs(copy(docs));
      for (let q = 0; q < 8; q++) {
        const name = pick(rand, VIEW_NAMES).slice(2) as keyof typeof DESIGN_DOC.views;
        const fun = DESIGN_DOC.views[name];
        const opts = randomOptions(rand);
        const ours = await outcome(db.query(fun, copy(opts)));
        const theirs = await outcome(pouch.query(fun, copy(opts)));
        expect(ours, `${name} ${JSON.stringify(opts)}`).toEqual(theirs);
      }
      await db.destroy();
      await pouch.destroy();
    });
  }
});
