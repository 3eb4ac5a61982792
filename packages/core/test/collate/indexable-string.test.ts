import { describe, expect, it } from 'vitest';
import { normalizeKey, parseIndexableString, toIndexableString } from '../../src/collate/index.js';
import { withHoles } from './holes.js';
import { pouch } from './pouchdb-collate.js';
import { describeKey } from './same-key.js';

describe('toIndexableString', () => {
  it('writes the documented layout', () => {
    const cases: Array<[unknown, string]> = [
      [null, '1\u0000'],
      [undefined, '1\u0000'],
      [false, '20\u0000'],
      [true, '21\u0000'],
      [0, '31\u0000'],
      [-0, '31\u0000'],
      [1, '323241\u0000'],
      [-1, '303249\u0000'],
      [Number.MAX_VALUE, '326321.79769313486231574473\u0000'],
      [Number.MIN_VALUE, '320005\u0000'],
      [-Number.MIN_VALUE, '306485\u0000'],
      ['', '4\u0000'],
      ['a\u0000b', '4a\u0001\u0001b\u0000'],
      ['\u0001\u0002', '4\u0001\u0002\u0002\u0002\u0000'],
      [[], '5\u0000'],
      [{}, '6\u0000'],
      [{ a: [null] }, '64a\u000051\u0000\u0000\u0000'],
      [
        [67, true, 'McDuck', 'Scrooge'],
        '5323256.70000000000000017764\u000021\u00004McDuck\u00004Scrooge\u0000\u0000',
      ],
    ];
    for (const [key, text] of cases) {
      expect(toIndexableString(key)).toBe(text);
      expect(pouch.toIndexableString(key)).toBe(text);
    }
  });

  it('matches pouchdb-collate on awkward numbers', () => {
    const numbers = [
      0.1,
      -0.1,
      1 / 3,
      -1 / 3,
      1e21,
      1e-7,
      2 ** 53,
      2 ** 53 + 2,
      -(2 ** 53),
      123456789012345680000,
      Number.EPSILON,
      5e-324,
      -5e-324,
      9.999999999999998,
      -9.999999999999998,
      1e308,
      -1e-308,
    ];
    for (const n of numbers) expect(toIndexableString(n)).toBe(pouch.toIndexableString(n));
  });

  it('encodes normalised keys: dates, holes, undefined members, odd values', () => {
    const fn = (): void => undefined;
    const keys: unknown[] = [
      new Date(0),
      [new Date(Number.NaN)],
      withHoles([null, 1], 0),
      { a: undefined, b: Number.NaN, c: [Number.POSITIVE_INFINITY] },
      fn,
      [fn, Symbol('s'), 1n],
      { f: fn },
    ];
    for (const key of keys) expect(toIndexableString(key)).toBe(pouch.toIndexableString(key));
    expect(toIndexableString(fn)).toBe('undefined\u0000');
  });
});

describe('parseIndexableString', () => {
  it('round-trips keys the encoding holds exactly', () => {
    const keys: unknown[] = [
      null,
      true,
      false,
      0,
      1,
      -5,
      0.1,
      1e-7,
      1e21,
      2 ** 53,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      -Number.MIN_VALUE,
      '',
      'plain',
      '\u0000\u0001\u0002\u0003',
      '\u0001\u0001\u0002\u0002',
      '\ud83d\ude00 \ud800 \udc00',
      [],
      {},
      [null, [false, [true, [1, ['x']]]]],
      { b: 1, a: { 10: [], 2: {}, z: 'y' } },
      [{}, [], '', 0],
      new Date(86_400_000),
      { a: undefined, b: [undefined, Number.NaN] },
    ];
    for (const key of keys) {
      const back = parseIndexableString(toIndexableString(key));
      expect(describeKey(back)).toBe(describeKey(normalizeKey(key)));
    }
  });

  it('reads lossy numbers back as pouchdb-collate does (a quirk of its format)', () => {
    for (const n of [-12, -123, -20494, -1.0000000000000002, 1.0000000000000002e-300]) {
      const text = toIndexableString(n);
      expect(parseIndexableString(text)).toBe(pouch.parseIndexableString(text));
    }
    expect(parseIndexableString(toIndexableString(-12))).toBe(-11.999999999999993);
    expect(toIndexableString(-1)).toBe(toIndexableString(-1.0000000000000002));
    expect(Object.is(parseIndexableString(toIndexableString(-0)), 0)).toBe(true);
  });

  it('ignores what follows the first value and skips leading terminators', () => {
    expect(parseIndexableString('21\u0000garbage')).toBe(true);
    expect(parseIndexableString('\u0000\u00004x\u0000')).toBe('x');
    expect(pouch.parseIndexableString('\u0000\u00004x\u0000')).toBe('x');
  });

  it('keeps a lone escape unit as pouchdb-collate does', () => {
    for (const body of ['\u0001', '\u0002', 'a\u0001b', '\u0002\u0001\u0002\u0002\u0002']) {
      const text = `4${body}\u0000`;
      expect(parseIndexableString(text)).toBe(pouch.parseIndexableString(text));
    }
  });

  it('never sets a prototype from a "__proto__" key', () => {
    const parsed = parseIndexableString('64__proto__\u000064a\u000021\u0000\u0000\u0000');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed as object)).toEqual([]);
  });

  it('rejects text that is not an indexable string', () => {
    for (const text of ['', '7\u0000', '4abc', '5', '3', 'x']) {
      expect(() => parseIndexableString(text)).toThrow(Error);
    }
  });
});
