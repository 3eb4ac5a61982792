import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify, stringifyIteratively } from '../src/json-stringify.js';

/** Any UTF-16 code unit, lone surrogates included, or any astral character. */
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/** Both serialisers must agree with the native one, value and thrown error alike. */
function expectSameAsNative(value: unknown): void {
  let expected: string | undefined;
  try {
    expected = JSON.stringify(value);
  } catch (err) {
    expect(() => stringifyIteratively(value)).toThrow((err as Error).constructor as never);
    return;
  }
  expect(stringifyIteratively(value)).toBe(expected);
  expect(stringify(value)).toBe(expected);
}

function nestedObjects(depth: number, leaf: unknown = 1): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

function nestedArrays(depth: number, leaf: unknown = 1): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('stringify: same bytes as JSON.stringify', () => {
  it('handles primitives and special numbers', () => {
    for (const v of [
      null,
      true,
      false,
      0,
      -0,
      1.5,
      1e21,
      1e-7,
      NaN,
      Infinity,
      -Infinity,
      '',
      'x',
    ]) {
      expectSameAsNative(v);
      expectSameAsNative([v]);
      expectSameAsNative({ v });
    }
  });

  it('drops undefined, functions and symbols from objects, writes null in arrays', () => {
    const f = () => 1;
    const s = Symbol('s');
    expectSameAsNative({ a: undefined, b: f, c: s, d: 1, [s]: 2 });
    expectSameAsNative([undefined, f, s, 1]);
    expect(stringifyIteratively(undefined)).toBeUndefined();
    expect(stringifyIteratively(f)).toBeUndefined();
    expect(stringifyIteratively(s)).toBeUndefined();
    expect(stringify(undefined)).toBeUndefined();
  });

  it('writes sparse arrays with null for holes', () => {
    // biome-ignore lint/suspicious/noSparseArray: holes are what is being tested
    expectSameAsNative([1, , 3]);
    const arr: unknown[] = [];
    arr[5] = 'x';
    expectSameAsNative(arr);
    expectSameAsNative(new Array(3));
  });

  it('calls toJSON with the property key (Date, Buffer, custom)', () => {
    const keys: string[] = [];
    const spy = {
      toJSON(key: string) {
        keys.push(key);
        return { key };
      },
    };
    expect(stringifyIteratively({ x: spy, y: [spy] })).toBe(JSON.stringify({ x: spy, y: [spy] }));
    expect(keys).toEqual(['x', '0', 'x', '0']);
    expectSameAsNative(new Date(0));
    expectSameAsNative({ d: new Date(1e12), bad: new Date(Number.NaN) });
    expectSameAsNative({ b: Buffer.from('héllo') });
    expectSameAsNative({ t: { toJSON: () => undefined }, u: [{ toJSON: () => undefined }] });
    const fn = Object.assign(() => 1, { toJSON: () => 'from function' });
    expectSameAsNative({ fn });
  });

  it('unwraps boxed primitives, honouring overridden valueOf/toString', () => {
    const n = Object.assign(new Number(3), { valueOf: () => 7 });
    const s = Object.assign(new String('a'), { toString: () => 'b' });
    expectSameAsNative([new Number(1), new String('s'), new Boolean(false), Object(1n) as never]);
    expectSameAsNative({ n, s });
    expectSameAsNative(Object(Symbol('x')));
  });

  it('throws TypeError on BigInt, like native', () => {
    expect(() => stringifyIteratively({ a: 1n })).toThrow(TypeError);
    expect(() => stringifyIteratively({ a: 1n })).toThrow('BigInt');
  });

  it('throws TypeError on a cycle, and accepts a shared (non-circular) object', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = { back: a };
    expect(() => stringify(a)).toThrow(TypeError);
    expect(() => stringifyIteratively(a)).toThrow(/circular structure/);
    const shared = { s: 1 };
    expectSameAsNative({ p: shared, q: [shared, shared] });
  });

  it('escapes strings identically, lone surrogates and control characters included', () => {
    const all = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).join('');
    expectSameAsNative(all);
    expectSameAsNative({ [all]: all });
    expectSameAsNative('\ud83d\ude00 \ud83d \ude00 \u2028\u2029 "\\ \b\f\n\r\t');
  });

  it('keeps integer-like key order and ignores non-enumerable and inherited keys', () => {
    const o = Object.create({ inherited: 1 }) as Record<string, unknown>;
    o.b = 1;
    o[2] = 2;
    o.a = 3;
    o[1] = 4;
    Object.defineProperty(o, 'hidden', { value: 5, enumerable: false });
    expectSameAsNative(o);
    expectSameAsNative(Object.assign(Object.create(null), { z: 1, y: 2 }));
  });

  it('serialises Map, Set, class instances and typed arrays like native', () => {
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
    }
    expectSameAsNative([new Map([[1, 2]]), new Set([1]), new Point(1, 2), new Uint8Array([1, 2])]);
  });
});

describe('stringify: differential against JSON.stringify (fast-check)', () => {
  it('agrees on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => expectSameAsNative(v)),
      { numRuns: 2000 },
    );
  });

  it('agrees on random JSON with any code units (lone surrogates too)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: anyUnit }), (v) => expectSameAsNative(v)),
      { numRuns: 2000 },
    );
  });

  it('agrees on JSON-ish values: dates, boxed values, undefined, sparse arrays, -0', () => {
    const anything = fc.anything({
      withBoxedValues: true,
      withDate: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      withObjectString: true,
      stringUnit: anyUnit,
    });
    fc.assert(
      fc.property(anything, (v) => expectSameAsNative(v)),
      { numRuns: 2000 },
    );
  });
});

describe('stringify: deep input', () => {
  it('native JSON.stringify overflows below 10,000 levels (why this module exists)', () => {
    expect(() => JSON.stringify(nestedObjects(10_000))).toThrow(RangeError);
  });

  it('writes 10,000- and 100,000-level objects and arrays', () => {
    for (const depth of [10_000, 100_000]) {
      expect(stringify(nestedObjects(depth))).toBe(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
      expect(stringify(nestedArrays(depth))).toBe(`${'['.repeat(depth)}1${']'.repeat(depth)}`);
    }
  });

  it('round-trips deep mixed input through parse', () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < 20_000; i++) value = i % 2 ? { k: value, n: i } : [i, value, null];
    const text = stringify(value);
    expect(stringify(parse(text))).toBe(text);
  });

  it('detects a cycle far below the native limit', () => {
    const top: Record<string, unknown> = {};
    let at = top;
    for (let i = 0; i < 20_000; i++) {
      const next: Record<string, unknown> = {};
      at.a = next;
      at = next;
    }
    at.a = top;
    expect(() => stringify(top)).toThrow(TypeError);
  });
});

describe('parse', () => {
  it('parses like JSON.parse', () => {
    expect(parse('{"a":[1,"x",null,true]}')).toEqual({ a: [1, 'x', null, true] });
    expect(parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeInstanceOf(Array);
  });

  it('reports bad input with a SyntaxError that shows the text', () => {
    expect(() => parse('{"a": oops}')).toThrow(SyntaxError);
    expect(() => parse('{"a": oops}')).toThrow(/Invalid JSON .* in: "\{\\"a\\": oops\}"/);
    try {
      parse('');
    } catch (err) {
      expect((err as Error).cause).toBeInstanceOf(SyntaxError);
    }
  });
});
