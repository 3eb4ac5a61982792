import { describe, expect, it } from 'vitest';
import { normalizeKey } from '../../src/collate/index.js';
import { withHoles } from './holes.js';
import { pouch } from './pouchdb-collate.js';
import { describeKey } from './same-key.js';

describe('normalizeKey', () => {
  it('maps values CouchDB lacks to null and dates to their JSON text', () => {
    expect(normalizeKey(undefined)).toBeNull();
    expect(normalizeKey(Number.NaN)).toBeNull();
    expect(normalizeKey(Number.POSITIVE_INFINITY)).toBeNull();
    expect(normalizeKey(Number.NEGATIVE_INFINITY)).toBeNull();
    expect(normalizeKey(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(normalizeKey(new Date(Number.NaN))).toBeNull();
    expect(Object.is(normalizeKey(-0), -0)).toBe(true);
  });

  it('normalises members, fills holes and drops undefined object members', () => {
    const date = new Date(1_000);
    const input = {
      z: withHoles(
        [undefined, 'hole', Number.NaN, date, { x: undefined, y: [Number.NEGATIVE_INFINITY] }],
        1,
      ),
      a: undefined,
      10: 'ten',
      2: null,
    };
    const expected = {
      2: null,
      10: 'ten',
      z: [null, null, null, '1970-01-01T00:00:01.000Z', { y: [null] }],
    };
    expect(describeKey(normalizeKey(input))).toBe(describeKey(expected));
    expect(describeKey(normalizeKey(input))).toBe(describeKey(pouch.normalizeKey(input)));
  });

  it('copies containers and leaves the input untouched', () => {
    const inner = { b: [1] };
    const input = [inner, inner];
    const output = normalizeKey(input) as Array<{ b: number[] }>;
    expect(output).toEqual(input);
    expect(output).not.toBe(input);
    expect(output[0]).not.toBe(inner);
    expect(output[0]).not.toBe(output[1]);
    expect(input).toEqual([{ b: [1] }, { b: [1] }]);
  });

  it('drops "__proto__" members (pouchdb-collate loses them by assigning)', () => {
    const input = JSON.parse('{"__proto__": {"a": 1}, "b": 2}') as unknown;
    const output = normalizeKey(input);
    expect(Object.keys(output as object)).toEqual(['b']);
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(Object.keys(pouch.normalizeKey(input) as object)).toEqual(['b']);
  });

  it('keeps only own enumerable string keys', () => {
    const proto = { inherited: 1 };
    const input = Object.create(proto) as Record<string | symbol, unknown>;
    input.own = 1;
    input[Symbol('s')] = 1;
    Object.defineProperty(input, 'hidden', { value: 1, enumerable: false });
    expect(normalizeKey(input)).toEqual({ own: 1 });
    expect(pouch.normalizeKey(input)).toEqual({ own: 1 });
  });

  it('passes functions, symbols and bigints through, as pouchdb-collate does', () => {
    const fn = (): void => undefined;
    const symbol = Symbol('s');
    expect(normalizeKey(fn)).toBe(fn);
    expect(normalizeKey(symbol)).toBe(symbol);
    expect(normalizeKey([1n, fn])).toEqual([1n, fn]);
  });
});
