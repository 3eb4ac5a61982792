import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSelector, massageSelector } from '../src/index.js';
import { docArb, mergeHeavySelectorArb, selectorArbitraries } from './arbitraries.js';
import { newPouchDb, type PouchFindDb } from './oracle.js';

/**
 * pouchdb-find's planner answers nothing, without filtering, when a top-level condition of the
 * massaged selector is an empty object or array (`{a: {}}`, `{$or: []}`): a planning rule, not
 * a matching one, which `@satchel/mango` applies before filtering.
 */
function shortCircuits(selector: Record<string, unknown>): boolean {
  return Object.values(selector).some(
    (value) => typeof value === 'object' && value !== null && Object.keys(value).length === 0,
  );
}

describe('agreement with pouchdb-find@9 db.find (memory, no index)', () => {
  let db: PouchFindDb;
  let docs: Record<string, unknown>[];

  beforeAll(async () => {
    db = newPouchDb();
    const seeds = fc.sample(docArb, { numRuns: 150, seed: 42 });
    await db.bulkDocs(
      seeds.map((doc, i) => ({ ...doc, _id: `doc-${String(i).padStart(3, '0')}` })),
    );
    const stored = await db.allDocs({ include_docs: true });
    docs = stored.rows.map((row) => row.doc!);
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('finds the same ids for random selectors', async () => {
    const selectorArb = fc.oneof(
      selectorArbitraries().selector,
      selectorArbitraries({ fields: ['a', 'b', 'a.b', 'a.0'] }).selector,
      mergeHeavySelectorArb,
    );
    let compared = 0;
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(selectorArb, async (selector) => {
        let expected: string[];
        try {
          const res = await db.find({ selector, limit: 100000 });
          expected = res.docs.map((doc) => doc._id as string).sort();
        } catch {
          return; // PouchDB threw while matching (see the differential tests); nothing to compare.
        }
        const test = compileSelector(selector);
        const actual = shortCircuits(massageSelector(selector))
          ? []
          : docs.filter((doc) => test(doc)).map((doc) => doc._id as string);
        compared++;
        if (expected.length > 0) nonEmpty++;
        expect(actual.sort()).toEqual(expected);
      }),
      { numRuns: 600 },
    );
    expect(compared).toBeGreaterThan(300);
    expect(nonEmpty).toBeGreaterThan(compared / 8);
  });
});
