import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clone, isPlainObject } from '../src/clone.js';
import { stringify } from '../src/json-stringify.js';

/** PouchDB 9's own `clone` (pouchdb-utils, reached through the memory adapter's dependencies). */
const pouchClone = (() => {
  const here = createRequire(import.meta.url);
  const memory = createRequire(here.resolve('pouchdb-adapter-memory'));
  const core = createRequire(memory.resolve('pouchdb-adapter-leveldb-core'));
  return (core('pouchdb-utils') as { clone: (v: unknown) => unknown }).clone;
})();

/**
 * The input without own `__proto__` keys, at any depth of arrays and plain objects. Both
 * clones lose such a key, but PouchDB's turns it into the copy's prototype, so for strict
 * structural comparison PouchDB is given the input without them.
 */
function withoutProtoKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProtoKeys);
  if (typeof value !== 'object' || value === null) return value;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const entries = Object.entries(value).filter(([k]) => k !== '__proto__');
  return Object.fromEntries(entries.map(([k, v]) => [k, withoutProtoKeys(v)]));
}

/** Same JSON as PouchDB's clone, and the same structure apart from `__proto__` keys. */
function expectSameAsPouch(value: unknown): void {
  const ours = clone(value);
  expect(stringify(ours)).toBe(stringify(pouchClone(value)));
  // Ours turns -0 into 0 on purpose (as stored JSON does); compare on that footing.
  expect(ours).toStrictEqual(zeroNegativeZeros(pouchClone(withoutProtoKeys(value))));
}

function zeroNegativeZeros(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (i in value) value[i] = zeroNegativeZeros(value[i]);
    return value;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = zeroNegativeZeros(record[key]);
  }
  return value;
}

function nestedObjects(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

function nestedArrays(depth: number): unknown[] {
  let value: unknown[] = [1];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('clone: PouchDB semantics', () => {
  it('copies plain objects and arrays deeply', () => {
    const doc = { _id: 'a', list: [1, { b: [2, 3] }], nested: { c: { d: 'e' } } };
    const copy = clone(doc);
    expect(copy).toStrictEqual(doc);
    expect(copy).not.toBe(doc);
    expect(copy.list).not.toBe(doc.list);
    expect(copy.list[1]).not.toBe(doc.list[1]);
    expect(copy.nested.c).not.toBe(doc.nested.c);
  });

  it('drops undefined object members, keeps undefined (and holes) in arrays', () => {
    const copy = clone({ a: undefined, b: [undefined, 1], c: 2 }) as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(['b', 'c']);
    // biome-ignore lint/suspicious/noSparseArray: holes are what is being tested
    const holes = clone([1, , 3]);
    expect(holes).toHaveLength(3);
    expect(1 in holes).toBe(true);
    expect(holes).toStrictEqual(pouchClone([1, undefined, 3]));
  });

  it('turns valid dates into ISO strings and keeps invalid ones', () => {
    const bad = new Date(Number.NaN);
    const copy = clone({ when: new Date(0), bad }) as Record<string, unknown>;
    expect(copy.when).toBe('1970-01-01T00:00:00.000Z');
    expect(copy.bad).toBe(bad);
    expect(clone(new Date(5))).toBe(new Date(5).toISOString());
  });

  it('copies binary data and keeps its kind', () => {
    const buf = Buffer.from('hello');
    const copy = clone({ buf }).buf;
    expect(Buffer.isBuffer(copy)).toBe(true);
    expect(copy).not.toBe(buf);
    expect(copy.toString()).toBe('hello');
    buf[0] = 0x4a; // a copy, not a view: Buffer's own slice() would share memory
    expect(copy.toString()).toBe('hello');
    const ab = new Uint8Array([1, 2, 3]).buffer;
    const abCopy = clone(ab);
    expect(abCopy).not.toBe(ab);
    expect([...new Uint8Array(abCopy)]).toEqual([1, 2, 3]);
    const u8 = new Uint8Array([4, 5]);
    expect(clone(u8)).toStrictEqual(u8);
    const u8Copy = clone(u8);
    u8[0] = 0;
    expect(u8Copy[0]).toBe(4);
    const view = new DataView(new Uint8Array([9, 8, 7]).buffer, 1, 2);
    expect(clone(view).getUint8(0)).toBe(8);
  });

  it('copies a Blob with its type', async () => {
    const blob = new Blob(['abc'], { type: 'text/plain' });
    const copy = clone(blob);
    expect(copy).not.toBe(blob);
    expect(copy.type).toBe('text/plain');
    expect(await copy.text()).toBe('abc');
  });

  it('shares non-plain objects and functions instead of copying them', () => {
    class Thing {
      x = 1;
    }
    const thing = new Thing();
    const map = new Map();
    const fn = () => 1;
    const copy = clone({ thing, map, fn });
    expect(copy.thing).toBe(thing);
    expect(copy.map).toBe(map);
    expect(copy.fn).toBe(fn);
  });

  it('copies null-prototype objects into ordinary ones, like PouchDB', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    const copy = clone(bare);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy).toStrictEqual(pouchClone(bare));
  });

  it('drops an own __proto__ key without touching the prototype', () => {
    const doc = JSON.parse('{"a":1,"__proto__":{"polluted":true}}') as Record<string, unknown>;
    const copy = clone(doc);
    expect(Object.keys(copy)).toEqual(['a']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    // PouchDB loses the key too (it becomes the copy's prototype instead).
    expect(stringify(copy)).toBe(stringify(pouchClone(doc)));
  });

  it('throws TypeError on a cycle but copies shared objects twice, as PouchDB does', () => {
    const a: Record<string, unknown> = {};
    a.b = { c: a };
    expect(() => clone(a)).toThrow(TypeError);
    const shared = { s: 1 };
    const copy = clone({ x: shared, y: shared });
    expect(copy.x).toStrictEqual(shared);
    expect(copy.x).not.toBe(copy.y);
  });

  it('keeps primitives as they are', () => {
    for (const v of [null, undefined, 0, 'x', true, 1n, Number.NaN]) expect(clone(v)).toBe(v);
    expect(clone(-0)).toBe(0);
    const s = Symbol('s');
    expect(clone(s)).toBe(s);
  });
});

describe('isPlainObject', () => {
  it('follows lodash: {} / Object.create(null) / Object.create({}) are plain; instances are not', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null) as object)).toBe(true);
    expect(isPlainObject(Object.create({}) as object)).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(new Date())).toBe(false);
    expect(isPlainObject(new (class {})())).toBe(false);
  });
});

describe('clone: differential against PouchDB (fast-check)', () => {
  it('matches on a __proto__ key (found by fast-check)', () => {
    expectSameAsPouch(JSON.parse('{"__proto__":[],"a":{"__proto__":{"b":1}}}'));
  });

  it('matches on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => expectSameAsPouch(v)),
      { numRuns: 2000 },
    );
  });

  it('matches on JSON-ish values with dates, undefined, sparse and typed arrays', () => {
    const anything = fc.anything({
      withDate: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      stringUnit: 'binary',
    });
    fc.assert(
      fc.property(anything, (v) => expectSameAsPouch(v)),
      { numRuns: 2000 },
    );
  });
});

describe('clone: deep input', () => {
  it('copies 10,000- and 100,000-level objects and arrays', () => {
    for (const depth of [10_000, 100_000]) {
      const objects = nestedObjects(depth);
      const copy = clone(objects);
      // Not .not.toBe: vitest deep-compares (recursively) when identities differ.
      expect(copy !== objects).toBe(true);
      expect(stringify(copy)).toBe(`${'{"a":'.repeat(depth)}{"leaf":true}${'}'.repeat(depth)}`);
      expect(stringify(clone(nestedArrays(depth)))).toBe(
        `${'['.repeat(depth + 1)}1${']'.repeat(depth + 1)}`,
      );
    }
  });

  it('makes independent copies at every level', () => {
    const deep = nestedObjects(10_000);
    const copy = clone(deep);
    let a: Record<string, unknown> = deep;
    let b: Record<string, unknown> = copy;
    for (let i = 0; i < 10_000; i++) {
      if (b === a) throw new Error(`level ${i} is shared`);
      a = a.a as Record<string, unknown>;
      b = b.a as Record<string, unknown>;
    }
    expect(b).toStrictEqual({ leaf: true });
  });

  it('detects a cycle deep down', () => {
    const top = nestedObjects(20_000);
    let at = top;
    while (typeof at.a === 'object') at = at.a as Record<string, unknown>;
    at.a = top;
    expect(() => clone(top)).toThrow(TypeError);
  });
});
