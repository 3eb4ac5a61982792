import { describe, expect, it } from 'vitest';
import { collate, toIndexableString } from '../../src/collate/index.js';
import { withHoles } from './holes.js';
import { pouch } from './pouchdb-collate.js';

/** Asserts that `keys` are in strictly ascending order, by every measure we have. */
function expectAscending(keys: readonly unknown[]): void {
  for (let i = 0; i < keys.length; i++) {
    for (let j = 0; j < keys.length; j++) {
      const a = keys[i];
      const b = keys[j];
      const expected = Math.sign(i - j);
      expect(Math.sign(collate(a, b)), `${String(i)} vs ${String(j)}`).toBe(expected);
      expect(Math.sign(pouch.collate(a, b))).toBe(expected);
      const textA = toIndexableString(a);
      const textB = toIndexableString(b);
      expect(Math.sign(textA < textB ? -1 : textA > textB ? 1 : 0)).toBe(expected);
    }
  }
}

describe('collate', () => {
  it("follows CouchDB's collation specification (strings in code-unit order)", () => {
    // The list from CouchDB's "Views Collation" docs. CouchDB sorts strings with ICU
    // ("a" < "A" < "aa" < "b"); pouchdb-collate, and so Satchel, compares UTF-16 code units,
    // where every capital comes before every lower-case letter.
    expectAscending([
      null,
      false,
      true,
      1,
      2,
      3.0,
      4,
      'A',
      'B',
      'a',
      'aa',
      'b',
      'ba',
      'bb',
      ['a'],
      ['b'],
      ['b', 'c'],
      ['b', 'c', 'a'],
      ['b', 'd'],
      ['b', 'd', 'e'],
      { a: 1 },
      { a: 2 },
      { b: 1 },
      { b: 2 },
      { b: 2, a: 1 },
      { b: 2, c: 2 },
    ]);
  });

  it('is not ICU collation', () => {
    expect(collate('a', 'A')).toBeGreaterThan(0);
    expect(collate('Z', 'a')).toBeLessThan(0);
    expect(collate('~', '0')).toBeGreaterThan(0);
  });

  it('orders numbers of every magnitude and sign', () => {
    expectAscending([
      -Number.MAX_VALUE,
      -1e300,
      -(2 ** 53) - 2,
      -(2 ** 53),
      -(2 ** 53) + 1,
      -123,
      -12,
      -10,
      -9.999999999999998,
      -1.5,
      -1,
      -0.1,
      -1e-7,
      -1e-300,
      -Number.MIN_VALUE,
      0,
      Number.MIN_VALUE,
      2 * Number.MIN_VALUE,
      1e-300,
      1e-7,
      0.1,
      0.30000000000000004,
      1,
      1.5,
      9.999999999999998,
      10,
      123,
      2 ** 53 - 1,
      2 ** 53,
      2 ** 53 + 2,
      1e21,
      1e300,
      Number.MAX_VALUE,
    ]);
  });

  it('treats 0 and -0 as equal', () => {
    expect(collate(0, -0)).toBe(0);
    expect(collate([0], [-0])).toBe(0);
    expect(collate({ a: -0 }, { a: 0 })).toBe(0);
  });

  it('orders strings by UTF-16 code unit, surrogates and U+0000 included', () => {
    expectAscending([
      '',
      '\u0000',
      '\u0000\u0000',
      '\u0001',
      '\u0002',
      '\u0003',
      ' ',
      'A',
      'a',
      'a\u0000',
      'a\u0001',
      'a\u0002',
      'aa',
      '\u00e9',
      '\ud7ff',
      '\ud800',
      '\ud83d\ude00',
      '\udbff\udfff',
      '\udc00',
      '\ue000',
      '\uffff',
    ]);
  });

  it('orders arrays item by item, then by length', () => {
    expectAscending([
      [],
      [null],
      [null, null],
      [false],
      [1],
      [1, []],
      [1, {}],
      [2],
      ['a'],
      [[]],
      [[null]],
      [[1, 2]],
      [[1, 2], 1],
      [[2]],
      [{}],
      [{ a: [] }],
      [{ a: [1] }],
    ]);
  });

  it('orders objects pair by pair in key order, then by size', () => {
    expectAscending([
      {},
      { 1: 'x', b: 1 },
      { 2: 'x' },
      { a: null },
      { a: false },
      { a: 1 },
      { a: 1, b: 1 },
      { a: 'x' },
      { a: [] },
      { a: {} },
      { a: { b: 1 } },
      { b: 1, a: 1 },
    ]);
  });

  it('normalises before comparing', () => {
    expect(collate(undefined, null)).toBe(0);
    expect(collate(Number.NaN, null)).toBe(0);
    expect(collate(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)).toBe(0);
    expect(collate([undefined], [null])).toBe(0);
    expect(collate(withHoles([null, 1], 0), [null, 1])).toBe(0);
    expect(collate({ a: undefined, b: 1 }, { b: 1 })).toBe(0);
    expect(collate(new Date(0), '1970-01-01T00:00:00.000Z')).toBe(0);
    expect(collate([new Date(Number.NaN)], [null])).toBe(0);
    expect(collate(Number.NaN, false)).toBeLessThan(0);
    expect(collate(new Date(0), 1)).toBeGreaterThan(0);
  });

  it("returns pouchdb-collate's values, not just its signs", () => {
    const pairs: Array<[unknown, unknown]> = [
      [1, 3],
      [0.5, -2],
      [null, 'x'],
      [{}, true],
      ['b', 'a'],
      [true, false],
      [[1, 2], [1]],
      [
        [1, 5],
        [1, 2],
      ],
      [{ a: 1 }, { b: 1 }],
      [{ a: 1 }, { a: 'x' }],
    ];
    for (const [a, b] of pairs) {
      expect(collate(a, b)).toBe(pouch.collate(a, b));
      expect(collate(b, a)).toBe(pouch.collate(b, a));
    }
  });

  it('gives NaN, as pouchdb-collate does, for values with no place in the order', () => {
    const fn = (): number => 1;
    for (const odd of [fn, Symbol('s'), 10n]) {
      expect(collate(odd, odd)).toBe(0);
      expect(collate(odd, 1)).toBeNaN();
      expect(collate([odd], [1])).toBeNaN();
      expect(pouch.collate([odd], [1])).toBeNaN();
    }
  });

  it('compares a key with itself, even a circular one, as equal', () => {
    const loop: unknown[] = [];
    loop.push(loop);
    expect(collate(loop, loop)).toBe(0);
  });
});
