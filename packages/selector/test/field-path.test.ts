import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getFieldFromDoc, parseField, setFieldInDoc } from '../src/index.js';
import { jsonValue } from './arbitraries.js';
import { attempt, pouchCore } from './oracle.js';

describe('parseField', () => {
  it('splits on unescaped dots', () => {
    expect(parseField('a')).toEqual(['a']);
    expect(parseField('a.b.c')).toEqual(['a', 'b', 'c']);
    expect(parseField('a\\.b')).toEqual(['a.b']);
    expect(parseField('\\$x.y')).toEqual(['$x', 'y']);
    expect(parseField('a\\\\.b')).toEqual(['a\\.b']);
    expect(parseField('')).toEqual(['']);
    expect(parseField('a.')).toEqual(['a', '']);
    expect(parseField('.a')).toEqual(['', 'a']);
    expect(parseField('a\\b')).toEqual(['a\\b']);
  });

  it('agrees with pouchdb-selector-core on any string of the interesting characters', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'b', '.', '\\', '$'), maxLength: 10 });
    fc.assert(
      fc.property(name, (field) => {
        expect(parseField(field)).toEqual(pouchCore.parseField(field));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('getFieldFromDoc', () => {
  it('reads nested members, indexes and lengths, stopping at falsy values', () => {
    const doc = { a: { b: [10, { c: 'x' }] }, z: 0, s: 'abc' };
    expect(getFieldFromDoc(doc, ['a', 'b', '1', 'c'])).toBe('x');
    expect(getFieldFromDoc(doc, ['a', 'b', 'length'])).toBe(2);
    expect(getFieldFromDoc(doc, ['s', 'length'])).toBe(3);
    expect(getFieldFromDoc(doc, ['z', 'y'])).toBe(0);
    expect(getFieldFromDoc(doc, ['q', 'y'])).toBeUndefined();
    expect(getFieldFromDoc(null, ['a'])).toBeUndefined();
    expect(getFieldFromDoc(undefined, ['a'])).toBeUndefined();
  });

  it('agrees with pouchdb-selector-core wherever it does not throw', () => {
    const path = fc.array(fc.constantFrom('a', 'b', 'c', '0', '1', 'length'), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(jsonValue, path, (doc, parsed) => {
        const expected = attempt(() => pouchCore.getFieldFromDoc(doc, parsed));
        if (expected.ok) expect(getFieldFromDoc(doc, parsed)).toEqual(expected.value);
        else expect(getFieldFromDoc(doc, parsed)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('never reads inherited members (constructor, toString, __proto__…)', () => {
    const doc = { a: 5, s: 'abc', o: {} };
    expect(getFieldFromDoc(doc, ['constructor'])).toBeUndefined();
    expect(getFieldFromDoc(doc, ['constructor', 'name'])).toBeUndefined();
    expect(getFieldFromDoc(doc, ['__proto__'])).toBeUndefined();
    expect(getFieldFromDoc(doc, ['a', 'toFixed'])).toBeUndefined();
    expect(getFieldFromDoc(doc, ['o', 'hasOwnProperty'])).toBeUndefined();
    expect(getFieldFromDoc(doc, ['s', 'length'])).toBe(3);
    expect(getFieldFromDoc(doc, ['s', '1'])).toBe('b');
    expect(getFieldFromDoc(JSON.parse('{"__proto__": {"x": 1}}'), ['__proto__', 'x'])).toBe(1);
  });

  it('reads 100,000-level documents without recursion', () => {
    let doc: Record<string, unknown> = { leaf: 1 };
    const path: string[] = ['leaf'];
    for (let i = 0; i < 100_000; i++) {
      doc = { n: doc };
      path.unshift('n');
    }
    expect(getFieldFromDoc(doc, path)).toBe(1);
  });
});

describe('setFieldInDoc', () => {
  it('creates the objects on the way', () => {
    const target: Record<string, unknown> = { a: { keep: 1 }, b: 5 };
    setFieldInDoc(target, ['a', 'x', 'y'], 1);
    setFieldInDoc(target, ['b', 'c'], 2);
    setFieldInDoc(target, ['top'], 3);
    expect(target).toEqual({ a: { keep: 1, x: { y: 1 } }, b: { c: 2 }, top: 3 });
  });

  it('never writes through a prototype', () => {
    const target: Record<string, unknown> = {};
    setFieldInDoc(target, ['__proto__', 'polluted'], 1);
    setFieldInDoc(target, ['constructor', 'prototype', 'polluted'], 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.keys(target).sort()).toEqual(['__proto__', 'constructor']);
  });
});
