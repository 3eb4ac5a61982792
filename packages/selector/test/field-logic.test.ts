import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesSelector } from '../src/index.js';
import { docArb, jsonValue, selectorArbitraries } from './arbitraries.js';

/**
 * Field-level `$and`/`$or`/`$nor`/`$not` and `$keyMapMatch` are CouchDB's; pouchdb-selector-core
 * throws on them, so there is no oracle. Instead: each must mean what the same logic means when
 * written at selector level, which the differential tests pin to PouchDB.
 */
describe('field-level combination operators', () => {
  const { condition } = selectorArbitraries({ fieldLevelLogic: true });
  // Operator objects only: literal conditions mean `$eq` in field-level lists, but are
  // massaged differently at the top level.
  const operators = condition.filter(
    (c): c is Record<string, unknown> =>
      typeof c === 'object' &&
      c !== null &&
      !Array.isArray(c) &&
      Object.keys(c).some((k) => k.startsWith('$')),
  );
  const field = fc.constantFrom('a', 'b', 'a.b');
  const docs = fc.array(docArb, { minLength: 1, maxLength: 8 });

  it('{f: {$or: [c1, c2]}} is {$or: [{f: c1}, {f: c2}]}', () => {
    fc.assert(
      fc.property(field, fc.array(operators, { maxLength: 3 }), docs, (f, list, sample) => {
        for (const doc of sample) {
          const fieldLevel = matchesSelector(doc, { [f]: { $or: list } });
          expect(fieldLevel).toBe(list.some((c) => matchesSelector(doc, { [f]: c })));
          const nor = matchesSelector(doc, { [f]: { $nor: list } });
          expect(nor).toBe(!fieldLevel);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('{f: {$and: [c1, c2]}} holds when each {f: c} does', () => {
    fc.assert(
      fc.property(field, fc.array(operators, { maxLength: 3 }), docs, (f, list, sample) => {
        for (const doc of sample) {
          expect(matchesSelector(doc, { [f]: { $and: list } })).toBe(
            list.every((c) => matchesSelector(doc, { [f]: c })),
          );
        }
      }),
      { numRuns: 400 },
    );
  });

  it('{f: {$not: c}} is the negation of {f: c}', () => {
    fc.assert(
      fc.property(field, operators, docs, (f, c, sample) => {
        for (const doc of sample) {
          expect(matchesSelector(doc, { [f]: { $not: c } })).toBe(
            !matchesSelector(doc, { [f]: c }),
          );
        }
      }),
      { numRuns: 400 },
    );
  });

  it('literal members mean $eq', () => {
    fc.assert(
      fc.property(jsonValue, fc.array(jsonValue, { maxLength: 3 }), (value, list) => {
        const doc = { a: value };
        expect(
          matchesSelector(doc, {
            a: { $or: list.map((v) => (typeof v === 'object' && v !== null ? { $eq: v } : v)) },
          }),
        ).toBe(list.some((v) => matchesSelector(doc, { a: { $eq: v } })));
      }),
      { numRuns: 400 },
    );
  });
});

describe('$keyMapMatch', () => {
  it('matches when some key of the object passes the condition on that key', () => {
    const keyCondition = fc.oneof(
      fc.record({ $regex: fc.constantFrom('^a', 'b', '\\.') }),
      fc.record({ $eq: fc.constantFrom('a', 'b', 'a.b', 'z') }),
      fc.record({ $in: fc.array(fc.constantFrom('a', 'c', 'zz'), { maxLength: 2 }) }),
    );
    fc.assert(
      fc.property(docArb, keyCondition, (doc, cond) => {
        for (const f of ['a', 'b', 'c', 'd']) {
          const value = doc[f];
          const isMap = Object.prototype.toString.call(value) === '[object Object]';
          const expected =
            isMap &&
            Object.keys(value as object).some((key) => matchesSelector({ k: key }, { k: cond }));
          expect(matchesSelector(doc, { [f]: { $keyMapMatch: cond } })).toBe(expected);
        }
      }),
      { numRuns: 500 },
    );
  });
});
