import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileSelector,
  filterInMemoryFields,
  massageSelector,
  matchesSelector,
  rowFilter,
} from '../src/index.js';
import {
  docArb,
  FIELD_NAMES,
  flatDocArb,
  mergeHeavySelectorArb,
  selectorArbitraries,
} from './arbitraries.js';
import { attempt, pouchCore } from './oracle.js';

const { selector: selectorArb } = selectorArbitraries();

/** True when PouchDB's massaged form holds an `$and` it mangled into an object. */
function hasMangledAnd(value: unknown): boolean {
  return JSON.stringify(value).includes('"$and":{');
}

describe('differential against pouchdb-selector-core@9', () => {
  it('matchesSelector agrees on random documents and selectors', () => {
    let compared = 0;
    let matched = 0;
    let pouchThrew = 0;
    fc.assert(
      fc.property(
        selectorArb,
        fc.array(docArb, { minLength: 1, maxLength: 12 }),
        (selector, docs) => {
          const test = compileSelector(selector);
          for (const doc of docs) {
            const expected = attempt(() => pouchCore.matchesSelector(doc, selector));
            const actual = test(doc);
            if (!expected.ok) {
              pouchThrew++;
              continue;
            }
            compared++;
            if (actual) matched++;
            if (actual !== expected.value) {
              throw new Error(
                `disagree on ${JSON.stringify(doc)} / ${JSON.stringify(selector)}: ours ${actual}`,
              );
            }
          }
        },
      ),
      { numRuns: 4000 },
    );
    // The comparison must be meaningful: many documents, both answers well represented. PouchDB
    // throws on many random selectors (a sub-field of a missing field, a null in any array of a
    // selector holding `$and`…); those documents are skipped, ours must not throw.
    expect(compared).toBeGreaterThan(10000);
    expect(matched).toBeGreaterThan(compared / 20);
    expect(compared - matched).toBeGreaterThan(compared / 20);
    expect(pouchThrew).toBeLessThan(compared);
  });

  it('agrees on $and-heavy selectors (PouchDB merges and-ed bounds, $eq, $ne, $or lists)', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        mergeHeavySelectorArb,
        fc.array(flatDocArb, { minLength: 1, maxLength: 10 }),
        (selector, docs) => {
          const massaged = attempt(() => pouchCore.massageSelector(selector));
          if (!massaged.ok) return;
          expect(massageSelector(selector)).toEqual(massaged.value);
          const test = compileSelector(selector);
          for (const doc of docs) {
            const expected = attempt(() => pouchCore.matchesSelector(doc, selector));
            if (!expected.ok) continue;
            compared++;
            if (test(doc) !== expected.value) {
              throw new Error(`disagree on ${JSON.stringify(doc)} / ${JSON.stringify(selector)}`);
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
    expect(compared).toBeGreaterThan(5000);
  });

  it('matchesSelector (one call per document) gives what the compiled test gives', () => {
    fc.assert(
      fc.property(selectorArb, docArb, (selector, doc) => {
        expect(matchesSelector(doc, selector)).toBe(compileSelector(selector)(doc));
      }),
      { numRuns: 300 },
    );
  });

  it('massageSelector gives the same selector', () => {
    let compared = 0;
    fc.assert(
      fc.property(selectorArb, (selector) => {
        const before = JSON.stringify(selector);
        const expected = attempt(() => pouchCore.massageSelector(selector));
        const actual = massageSelector(selector);
        expect(JSON.stringify(selector)).toBe(before);
        if (!expected.ok || hasMangledAnd(expected.value)) return;
        compared++;
        // Core's clone stores -0 as 0 (as JSON would); the two mean the same to every operator.
        expect(zeroed(actual)).toEqual(zeroed(expected.value));
      }),
      { numRuns: 2000 },
    );
    expect(compared).toBeGreaterThan(1500);
  });

  it('rowFilter and filterInMemoryFields (with sort, skip, limit) give the same rows', () => {
    const sortEntry = fc.oneof(
      fc.constantFrom(...FIELD_NAMES),
      fc
        .record({ field: fc.constantFrom(...FIELD_NAMES), dir: fc.constantFrom('asc', 'desc') })
        .map(({ field, dir }) => ({ [field]: dir })),
    );
    const request = fc.record(
      {
        sort: fc.array(sortEntry, { minLength: 1, maxLength: 2 }),
        skip: fc.integer({ min: 0, max: 3 }),
        limit: fc.integer({ min: 0, max: 8 }),
      },
      { requiredKeys: [] },
    );
    let compared = 0;
    fc.assert(
      fc.property(selectorArb, fc.array(docArb, { maxLength: 12 }), request, (raw, docs, extra) => {
        const selector = massageSelector(raw);
        const keys = Object.keys(selector);
        const fields = [...keys.slice(0, 1 + (docs.length % keys.length)), 'zz'];
        const rows = docs.map((doc, i) => ({ id: `d${i}`, doc: { ...doc, _id: `d${i % 5}${i}` } }));
        // pouchdb-find hands massaged sorts ({field: dir}) to filterInMemoryFields.
        const sort = extra.sort?.map((e) => (typeof e === 'string' ? { [e]: 'asc' } : e));
        const req = { ...extra, selector, ...(sort ? { sort } : {}) };
        const expected = attempt(() => pouchCore.filterInMemoryFields(rows, req, fields));
        if (!expected.ok) return;
        compared++;
        const actual = filterInMemoryFields(rows, req, fields);
        expect(actual.map((r) => r.id)).toEqual(expected.value.map((r) => r.id));
        for (const row of rows.slice(0, 3)) {
          const one = attempt(() => pouchCore.rowFilter(row.doc, selector, fields));
          if (one.ok) expect(rowFilter(row.doc, selector, fields)).toBe(one.value);
        }
      }),
      { numRuns: 1500 },
    );
    expect(compared).toBeGreaterThan(500);
  });
});

/** The value with every -0 turned into 0 (JSON text keeps no sign on zero). */
function zeroed(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value) ?? 'null');
}
