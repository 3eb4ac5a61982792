import { isSatchelError } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import {
  compileSelector,
  MAX_SELECTOR_DEPTH,
  matchesSelector,
  type Selector,
  validateSelector,
} from '../src/index.js';

type Wrap = (inner: Selector) => Selector;

const WRAPS: Record<string, Wrap> = {
  $and: (inner) => ({ $and: [inner, { y: 2 }] }),
  $or: (inner) => ({ $or: [inner, { z: 1 }] }),
  $nor: (inner) => ({ $nor: [{ $nor: [inner] }] }),
  $not: (inner) => ({ $not: { $not: inner } }),
  'sub-field': (inner) => ({ a: inner }),
  $elemMatch: (inner) => ({ a: { $elemMatch: inner } }),
  'field-level $or': (inner) => ({ a: { $or: [inner] } }),
};

/** `wrap` applied `times` times to a one-field selector. */
function nested(times: number, wrap: Wrap): Selector {
  let selector: Selector = { a: 1 };
  for (let i = 0; i < times; i++) selector = wrap(selector);
  return selector;
}

/** The most deeply nested selector built with `wrap` that validation still accepts. */
function deepestAccepted(wrap: Wrap): { selector: Selector; times: number } {
  let selector: Selector = { a: 1 };
  for (let times = 0; ; times++) {
    const next = wrap(selector);
    try {
      validateSelector(next);
    } catch {
      return { selector, times };
    }
    selector = next;
  }
}

/** Runs `fn` with `frames` stack frames already in use. */
function withStackUsed<T>(frames: number, fn: () => T): T {
  return frames === 0 ? fn() : withStackUsed(frames - 1, fn);
}

describe('deep selectors', () => {
  for (const [name, wrap] of Object.entries(WRAPS)) {
    it(`refuses 10,000 levels of ${name} with a clear 400`, () => {
      const selector = nested(10_000, wrap);
      let error: unknown;
      try {
        matchesSelector({ a: 1 }, selector);
      } catch (err) {
        error = err;
      }
      expect(isSatchelError(error)).toBe(true);
      expect(error).toMatchObject({
        status: 400,
        name: 'bad_request',
        message: `Selector error: nested more than ${MAX_SELECTOR_DEPTH} levels deep, which is not supported`,
      });
    });

    it(`matches at the depth limit of ${name}, even with the stack partly used`, () => {
      const { selector, times } = deepestAccepted(wrap);
      expect(times).toBeGreaterThan(MAX_SELECTOR_DEPTH / 4);
      const test = withStackUsed(2000, () => compileSelector(selector));
      expect(typeof withStackUsed(2000, () => test({ a: 1, y: 2, z: 1 }))).toBe('boolean');
    });
  }
});

describe('deep documents', () => {
  it('compare, test and walk 100,000-level values without recursion', () => {
    let deepArray: unknown = 'leaf';
    let otherArray: unknown = 'leaf';
    let deepObject: unknown = 'leaf';
    let otherObject: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) {
      deepArray = [deepArray];
      otherArray = [otherArray];
      deepObject = { n: deepObject };
      otherObject = { n: otherObject };
    }
    const doc = { a: deepArray, b: { c: deepArray }, o: deepObject };
    expect(matchesSelector(doc, { a: { $eq: otherArray } })).toBe(true);
    expect(matchesSelector(doc, { a: { $gt: 'x' }, 'b.c': { $lte: otherArray } })).toBe(true);
    expect(matchesSelector(doc, { o: { $in: [1, otherObject] } })).toBe(true);
    expect(matchesSelector(doc, { o: { $nin: [1, { n: 2 }] } })).toBe(true);
    expect(matchesSelector(doc, { a: { $all: [(otherArray as unknown[])[0]] } })).toBe(true);
    expect(matchesSelector(doc, { a: { $elemMatch: { '0': { $type: 'array' } } } })).toBe(true);
    expect(matchesSelector(doc, { a: { $ne: 1 }, b: { $type: 'object' } })).toBe(true);
    expect(matchesSelector(doc, { 'o.n.n.n': { $gt: { a: 1 } } })).toBe(true);
  });
});
