import { describe, expect, it } from 'vitest';
import { massageSelector, matchesSelector, mergeAndedSelectors } from '../src/index.js';
import { pouchCore } from './oracle.js';

/** Checks our massaged form, and that pouchdb-selector-core gives the same. */
function massaged(selector: Record<string, unknown>, expected: Record<string, unknown>): void {
  expect(massageSelector(selector)).toEqual(expected);
  expect(pouchCore.massageSelector(selector)).toEqual(expected);
}

describe('massageSelector', () => {
  it('makes implicit equality explicit at the top level and in top-level $or/$nor', () => {
    massaged({ a: 1, b: null }, { a: { $eq: 1 }, b: { $eq: null } });
    massaged(
      { $or: [{ a: 1 }, { b: { $gt: 2 } }] },
      { $or: [{ a: { $eq: 1 } }, { b: { $gt: 2 } }] },
    );
    massaged({ $nor: [{ a: 'x' }] }, { $nor: [{ a: { $eq: 'x' } }] });
  });

  it('wraps $ne and $regex operands in lists', () => {
    massaged({ a: { $ne: 1, $regex: 'x' } }, { a: { $ne: [1], $regex: ['x'] } });
    massaged({ a: { b: { $ne: 1 } } }, { a: { b: { $ne: [1] } } });
    massaged({ a: { $ne: [1, 2] } }, { a: { $ne: [1, 2] } });
  });

  it('merges a top-level $and, dropping its siblings (PouchDB)', () => {
    massaged(
      { $and: [{ a: { $gt: 1 } }, { a: { $gt: 3 } }, { a: { $lte: 9 } }, { b: 1 }] },
      { a: { $gt: 3, $lte: 9 }, b: { $eq: 1 } },
    );
    massaged({ c: 1, $and: [{ a: 1 }] }, { a: { $eq: 1 } });
    massaged({ $and: [{ a: { $ne: 1 } }, { a: { $ne: 2 } }] }, { a: { $ne: [1, 2] } });
    massaged({ $and: [{ a: 1 }, { a: { $gt: 0 } }] }, { a: { $eq: 1 } });
  });

  it('crosses and-ed $or lists PouchDB style', () => {
    massaged(
      { $and: [{ $or: [{ a: 1 }, { b: 2 }] }, { $or: [{ a: 1 }, { c: 3 }] }] },
      {
        $or: [
          { a: { $eq: 1 }, c: { $eq: 3 } },
          { b: { $eq: 2 }, a: { $eq: 1 } },
          { b: { $eq: 2 }, c: { $eq: 3 } },
        ],
      },
    );
  });

  it('merges $and members of nested lists, and a top-level $not', () => {
    massaged(
      { $or: [{ $and: [{ a: 1 }, { b: 2 }] }, { c: 3 }] },
      { $or: [{ a: { $eq: 1 }, b: { $eq: 2 } }, { c: { $eq: 3 } }] },
    );
    massaged({ $not: { a: 1, b: { $ne: 2 } } }, { $not: { a: { $eq: 1 }, b: { $ne: [2] } } });
  });

  it('flattens an $and met while merging (PouchDB mangles it)', () => {
    expect(massageSelector({ $not: { $and: [{ a: 1 }, { b: 2 }] } })).toEqual({
      $not: { a: { $eq: 1 }, b: { $eq: 2 } },
    });
    expect(mergeAndedSelectors([{ $and: [{ a: 1 }] }, { b: null }])).toEqual({
      a: { $eq: 1 },
      b: { $eq: null },
    });
  });

  it('leaves the input untouched and copies dates as strings', () => {
    const when = new Date('2020-01-02T03:04:05.000Z');
    const input = { $and: [{ a: { $ne: 1 } }], b: { $gt: when } };
    const before = JSON.stringify(input);
    massageSelector({ ...input });
    expect(JSON.stringify(input)).toBe(before);
    expect(massageSelector({ b: { $gt: when } })).toEqual({
      b: { $gt: '2020-01-02T03:04:05.000Z' },
    });
  });

  it('stops crossing and-ed $or lists before the product explodes', () => {
    // Six lists of ten members would cross into a million selectors (PouchDB runs out of heap
    // at seven); past 1000 members the remaining lists are kept under $and, tested as written.
    const lists = Array.from({ length: 6 }, (_, i) => ({
      $or: Array.from({ length: 10 }, (_, j) => ({ [`f${i}${j}`]: j === 9 ? null : j })),
    }));
    const result = massageSelector({ $and: lists });
    expect((result.$or as unknown[]).length).toBe(1000);
    expect(result.$and).toHaveLength(3);
    expect(JSON.stringify(result.$and)).toContain('{"f59":{"$eq":null}}');
    const doc = { f01: 1, f12: 2, f23: 3, f34: 4, f45: 5, f59: null };
    expect(matchesSelector(doc, { $and: lists })).toBe(true);
    expect(matchesSelector({ ...doc, f59: 0 }, { $and: lists })).toBe(false);
    expect(matchesSelector({ f01: 1, f12: 2, f23: 3, f34: 4, f45: 5 }, { $and: lists })).toBe(
      false,
    );
  });

  it('leaves value operands alone (PouchDB rewrites $ne inside them)', () => {
    expect(massageSelector({ a: { $eq: { $ne: 1 } } })).toEqual({ a: { $eq: { $ne: 1 } } });
  });
});
