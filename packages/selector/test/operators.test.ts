import { describe, expect, it } from 'vitest';
import { matchesSelector, type Selector } from '../src/index.js';
import { attempt, pouchCore } from './oracle.js';

type Case = [doc: Record<string, unknown>, selector: Selector, expected: boolean];

/** Checks each case, and that pouchdb-selector-core agrees wherever it does not throw. */
function check(cases: readonly Case[]): void {
  for (const [doc, selector, expected] of cases) {
    const label = `${JSON.stringify(doc)} ~ ${JSON.stringify(selector)}`;
    expect(matchesSelector(doc, selector), label).toBe(expected);
    const pouch = attempt(() => pouchCore.matchesSelector(doc, selector));
    if (pouch.ok) expect(pouch.value, `pouchdb: ${label}`).toBe(expected);
  }
}

describe('$eq and implicit equality', () => {
  it('compares by CouchDB collation', () => {
    check([
      [{ a: 1 }, { a: 1 }, true],
      [{ a: 1 }, { a: { $eq: 1 } }, true],
      [{ a: 1 }, { a: 2 }, false],
      [{ a: '1' }, { a: 1 }, false],
      [{ a: null }, { a: null }, true],
      [{}, { a: null }, false],
      [{ a: [1, { b: 2 }] }, { a: { $eq: [1, { b: 2 }] } }, true],
      [{ a: [1, { b: 2 }] }, { a: { $eq: [1, { b: 3 }] } }, false],
      [{ a: { x: 1, y: [2] } }, { a: { $eq: { x: 1, y: [2] } } }, true],
      [{ a: 'é' }, { a: 'é' }, true],
      [{ a: true }, { a: { $eq: 1 } }, false],
    ]);
  });

  it('reads an array literal as conditions on its indexes (PouchDB)', () => {
    check([
      [{ a: [1, 2, 3] }, { a: [1, 2] }, true],
      [{ a: [2, 1] }, { a: [1, 2] }, false],
      [{ a: 'xy' }, { a: ['x'] }, true],
    ]);
  });

  it('reads an object literal as sub-field conditions', () => {
    check([
      [{ a: { b: 1, c: 2 } }, { a: { b: 1 } }, true],
      [{ a: { b: 2 } }, { a: { b: 1 } }, false],
      [{ a: { b: { c: 3 } } }, { a: { b: { c: { $gt: 2 } } } }, true],
      [{}, { a: { b: 1 } }, false],
      [{ a: null }, { a: { b: { $exists: false } } }, true],
    ]);
  });
});

describe('$ne', () => {
  it('treats a missing field as null', () => {
    check([
      [{ a: 1 }, { a: { $ne: 2 } }, true],
      [{ a: 1 }, { a: { $ne: 1 } }, false],
      [{}, { a: { $ne: 1 } }, true],
      [{}, { a: { $ne: null } }, false],
      [{ a: null }, { a: { $ne: null } }, false],
    ]);
  });

  it('reads an array operand as "none of these" unless and-ed (PouchDB)', () => {
    check([
      [{ a: 1 }, { a: { $ne: [1, 2] } }, false],
      [{ a: [1, 2] }, { a: { $ne: [1, 2] } }, true],
      [{ a: [1, 2] }, { $and: [{ a: { $ne: [1, 2] } }] }, false],
      [{ a: 1 }, { $and: [{ a: { $ne: [1, 2] } }] }, true],
    ]);
  });
});

describe('$gt $gte $lt $lte', () => {
  it('order by collation: null < booleans < numbers < strings < arrays < objects', () => {
    check([
      [{ a: 5 }, { a: { $gt: 4 } }, true],
      [{ a: 5 }, { a: { $gt: 5 } }, false],
      [{ a: 5 }, { a: { $gte: 5 } }, true],
      [{ a: 5 }, { a: { $lt: 6 } }, true],
      [{ a: 5 }, { a: { $lte: 4 } }, false],
      [{ a: 'a' }, { a: { $gt: 100 } }, true],
      [{ a: [] }, { a: { $gt: 'zzz' } }, true],
      [{ a: {} }, { a: { $gt: [9] } }, true],
      [{ a: false }, { a: { $gt: null } }, true],
      [{ a: null }, { a: { $gte: null } }, true],
      [{ a: 'B' }, { a: { $lt: 'a' } }, true],
      [{ a: 'b' }, { a: { $gt: 'a', $lt: 'c' } }, true],
    ]);
  });

  it('never match a missing field', () => {
    check([
      [{}, { a: { $gt: null } }, false],
      [{}, { a: { $lt: 1 } }, false],
      [{}, { a: { $lte: {} } }, false],
    ]);
  });
});

describe('$in $nin $all', () => {
  it('$in: the value, or one of its items, is listed', () => {
    check([
      [{ a: 2 }, { a: { $in: [1, 2] } }, true],
      [{ a: 3 }, { a: { $in: [1, 2] } }, false],
      [{ a: [3, 2] }, { a: { $in: [1, 2] } }, true],
      [{ a: [[1]] }, { a: { $in: [[1]] } }, true],
      [{}, { a: { $in: [null] } }, false],
      [{ a: null }, { a: { $in: [null] } }, false],
      [{ a: 1 }, { a: { $in: [] } }, false],
    ]);
  });

  it('$nin: present and nothing listed', () => {
    check([
      [{ a: 3 }, { a: { $nin: [1, 2] } }, true],
      [{ a: 2 }, { a: { $nin: [1, 2] } }, false],
      [{ a: [3, 2] }, { a: { $nin: [1, 2] } }, false],
      [{}, { a: { $nin: [1] } }, false],
      [{ a: null }, { a: { $nin: [1] } }, false],
    ]);
  });

  it('$all: an array holding every listed value', () => {
    check([
      [{ a: [1, 2, 3] }, { a: { $all: [3, 1] } }, true],
      [{ a: [1, 2] }, { a: { $all: [1, 4] } }, false],
      [{ a: [] }, { a: { $all: [] } }, true],
      [{ a: 1 }, { a: { $all: [1] } }, false],
      [{}, { a: { $all: [] } }, false],
    ]);
  });
});

describe('$exists $type $size $mod $regex', () => {
  it('$exists: null exists, missing does not', () => {
    check([
      [{ a: null }, { a: { $exists: true } }, true],
      [{}, { a: { $exists: true } }, false],
      [{}, { a: { $exists: false } }, true],
      [{ a: 0 }, { a: { $exists: false } }, false],
    ]);
  });

  it('$type: JSON types, arrays are not objects', () => {
    check([
      [{ a: null }, { a: { $type: 'null' } }, true],
      [{ a: false }, { a: { $type: 'boolean' } }, true],
      [{ a: 1.5 }, { a: { $type: 'number' } }, true],
      [{ a: '' }, { a: { $type: 'string' } }, true],
      [{ a: [] }, { a: { $type: 'array' } }, true],
      [{ a: [] }, { a: { $type: 'object' } }, false],
      [{ a: {} }, { a: { $type: 'object' } }, true],
      [{ a: 1 }, { a: { $type: 'string' } }, false],
      [{}, { a: { $type: 'null' } }, false],
    ]);
  });

  it('$size: arrays of that length only', () => {
    check([
      [{ a: [1, 2] }, { a: { $size: 2 } }, true],
      [{ a: [1, 2] }, { a: { $size: 1 } }, false],
      [{ a: 'ab' }, { a: { $size: 2 } }, false],
      [{ a: { length: 2 } }, { a: { $size: 2 } }, false],
      [{}, { a: { $size: 0 } }, false],
    ]);
  });

  it('$mod: integers only, JavaScript remainder sign', () => {
    check([
      [{ a: 7 }, { a: { $mod: [3, 1] } }, true],
      [{ a: 7 }, { a: { $mod: [3, 2] } }, false],
      [{ a: -7 }, { a: { $mod: [3, -1] } }, true],
      [{ a: 7.5 }, { a: { $mod: [3, 1] } }, false],
      [{ a: '7' }, { a: { $mod: [3, 1] } }, false],
      [{}, { a: { $mod: [3, 1] } }, false],
    ]);
  });

  it('$regex: strings only, every pattern (and-ed patterns accumulate)', () => {
    check([
      [{ a: 'apple' }, { a: { $regex: '^ap' } }, true],
      [{ a: 'apple' }, { a: { $regex: '^pp' } }, false],
      [{ a: 'Apple' }, { a: { $regex: '(?i)apple'.slice(4) } }, false],
      [{ a: 12 }, { a: { $regex: '1' } }, false],
      [{ a: ['a'] }, { a: { $regex: 'a' } }, false],
      [{ a: 'abc' }, { $and: [{ a: { $regex: 'a' } }, { a: { $regex: 'c$' } }] }, true],
      [{ a: 'abc' }, { $and: [{ a: { $regex: 'a' } }, { a: { $regex: 'x' } }] }, false],
      [{ a: 'abc' }, { a: { $regex: /B/i } }, true],
    ]);
  });

  it('$regex ignores global/sticky state between documents', () => {
    const selector = { a: { $regex: /a/g } };
    expect(matchesSelector({ a: 'a' }, selector)).toBe(true);
    expect(matchesSelector({ a: 'a' }, selector)).toBe(true);
  });
});

describe('$elemMatch $allMatch', () => {
  it('match array items as values when the first item is not an object', () => {
    check([
      [{ a: [1, 5] }, { a: { $elemMatch: { $gt: 4 } } }, true],
      [{ a: [1, 2] }, { a: { $elemMatch: { $gt: 4 } } }, false],
      [{ a: [5, 6] }, { a: { $allMatch: { $gt: 4 } } }, true],
      [{ a: [5, 1] }, { a: { $allMatch: { $gt: 4 } } }, false],
      [{ a: [] }, { a: { $elemMatch: { $gt: 4 } } }, false],
      [{ a: [] }, { a: { $allMatch: { $gt: 4 } } }, false],
      [{ a: 5 }, { a: { $elemMatch: { $gt: 4 } } }, false],
    ]);
  });

  it('match array items as documents when the first item is an object', () => {
    check([
      [{ a: [{ b: 1 }, { b: 2 }] }, { a: { $elemMatch: { b: 2 } } }, true],
      [{ a: [{ b: 1 }, { b: 2 }] }, { a: { $allMatch: { b: { $gte: 1 } } } }, true],
      [{ a: [{ b: 1 }, { b: 2 }] }, { a: { $allMatch: { b: 1 } } }, false],
      [{ a: [{ b: 1, c: 1 }] }, { a: { $elemMatch: { b: 1, c: 2 } } }, false],
      [{ a: [{ b: 1 }, { b: 3 }] }, { a: { $elemMatch: { $or: [{ b: 3 }, { b: 4 }] } } }, true],
      // Operator keys are field names there (PouchDB): objects never "$gt" a number.
      [{ a: [{ x: 1 }, 5] }, { a: { $elemMatch: { $gt: 4 } } }, false],
      [{ a: [5, { x: 1 }] }, { a: { $elemMatch: { $gt: 4 } } }, true],
    ]);
  });

  it('nest', () => {
    check([
      [{ a: [[1, 2], [3]] }, { a: { $elemMatch: { $elemMatch: { $eq: 3 } } } }, false],
      [{ a: [{ b: [1, 9] }] }, { a: { $elemMatch: { b: { $elemMatch: { $gt: 8 } } } } }, true],
    ]);
  });
});

describe('$keyMapMatch (CouchDB)', () => {
  it('matches objects having a key that passes the condition', () => {
    check([
      [{ a: { x1: 1, y: 2 } }, { a: { $keyMapMatch: { $regex: '^x' } } }, true],
      [{ a: { y: 2 } }, { a: { $keyMapMatch: { $regex: '^x' } } }, false],
      [{ a: { y: 2 } }, { a: { $keyMapMatch: { $eq: 'y' } } }, true],
      [{ a: {} }, { a: { $keyMapMatch: { $exists: true } } }, false],
      [{ a: ['y'] }, { a: { $keyMapMatch: { $eq: '0' } } }, false],
      [{}, { a: { $keyMapMatch: { $exists: true } } }, false],
    ]);
  });
});

describe('combination operators', () => {
  it('$and, $or, $nor, $not at selector level', () => {
    check([
      [{ a: 1, b: 2 }, { $and: [{ a: 1 }, { b: 2 }] }, true],
      [{ a: 1, b: 3 }, { $and: [{ a: 1 }, { b: 2 }] }, false],
      [{ a: 1 }, { $or: [{ a: 2 }, { a: 1 }] }, true],
      [{ a: 3 }, { $or: [{ a: 2 }, { a: 1 }] }, false],
      [{ a: 3 }, { $or: [] }, false],
      [{ a: 3 }, { $nor: [{ a: 2 }, { a: 1 }] }, true],
      [{ a: 1 }, { $nor: [{ a: 2 }, { a: 1 }] }, false],
      [{ a: 1 }, { $not: { a: 1 } }, false],
      [{ a: 2 }, { $not: { a: 1 } }, true],
      [{}, { $not: { a: { $gt: 1 } } }, true],
      [{ a: 1, b: 1 }, { a: 1, $or: [{ b: 1 }, { c: 1 }], $not: { b: 2 } }, true],
    ]);
  });

  it('$and, $or, $nor, $not inside a condition (CouchDB)', () => {
    check([
      [{ a: 15 }, { a: { $or: [{ $lt: 10 }, { $gt: 12 }] } }, true],
      [{ a: 11 }, { a: { $or: [{ $lt: 10 }, { $gt: 12 }] } }, false],
      [{ a: 11 }, { a: { $and: [{ $gt: 10 }, { $lt: 12 }] } }, true],
      [{ a: 11 }, { a: { $nor: [{ $gt: 10 }, 3] } }, false],
      [{ a: 3 }, { a: { $or: [3, 4] } }, true],
      [{ a: 11 }, { a: { $not: { $gt: 12 } } }, true],
      [{ a: 13 }, { a: { $not: { $gt: 12 } } }, false],
      [{}, { a: { $not: { $exists: true } } }, true],
    ]);
  });
});

describe('field names', () => {
  it('dotted paths, indexes, escaped dots and dollars', () => {
    check([
      [{ a: { b: { c: 1 } } }, { 'a.b.c': 1 }, true],
      [{ a: [{ b: 1 }, { b: 2 }] }, { 'a.1.b': 2 }, true],
      [{ 'a.b': 1 }, { 'a\\.b': 1 }, true],
      [{ 'a.b': 1 }, { 'a.b': 1 }, false],
      [{ $x: 1 }, { '\\$x': 1 }, true],
      [{ a: { 'b.c': 2 } }, { 'a.b\\.c': 2 }, true],
    ]);
  });
});

describe('PouchDB quirks kept on purpose', () => {
  it('a path stops at the first falsy value and returns it', () => {
    check([
      [{ a: 0 }, { 'a.b': 0 }, true],
      [{ a: '' }, { 'a.b': { $eq: '' } }, true],
      [{ a: false }, { 'a.b.c': { $exists: true } }, true],
    ]);
  });

  it('paths read like JavaScript properties (length of strings and arrays)', () => {
    check([
      [{ a: 'abc' }, { 'a.length': 3 }, true],
      [{ a: [1, 2] }, { 'a.length': { $gt: 1 } }, true],
    ]);
  });

  it('keys next to a top-level $and are dropped by massaging', () => {
    check([[{ a: 2, b: 2 }, { a: 1, $and: [{ b: 2 }] }, true]]);
  });

  it('and-ed equalities and bounds merge PouchDB style', () => {
    check([
      [{ a: 2 }, { $and: [{ a: 1 }, { a: 2 }] }, true],
      [{ a: 1 }, { $and: [{ a: 1 }, { a: { $gt: 5 } }] }, true],
      [{ a: 6 }, { $and: [{ a: { $gt: 5 } }, { a: { $gt: 'b' } }] }, true],
      [{ a: 3 }, { $and: [{ a: { $in: [3] } }, { a: { $in: [4] } }] }, false],
    ]);
  });

  it('a falsy literal left unmassaged (nested $or, sub-field null) passes everything', () => {
    check([
      [{ a: 5 }, { $or: [{ $or: [{ a: 0 }] }] }, true],
      [{ a: 5 }, { a: { b: null } }, true],
      [{ a: 5 }, { $or: [{ $or: [{ a: 5 }] }] }, true],
      [{ a: 6 }, { $or: [{ $or: [{ a: 5 }] }] }, false],
    ]);
  });
});
