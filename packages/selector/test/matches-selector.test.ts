import { describe, expect, it } from 'vitest';
import { compileSelector, matchesSelector } from '../src/index.js';

describe('matchesSelector', () => {
  it('sees a selector changed in place between calls', () => {
    const selector: Record<string, unknown> = { a: { $gt: 1 } };
    expect(matchesSelector({ a: 2 }, selector)).toBe(true);
    (selector.a as Record<string, unknown>).$gt = 5;
    expect(matchesSelector({ a: 2 }, selector)).toBe(false);
    selector.a = { $regex: /^x/ };
    expect(matchesSelector({ a: 'xy' }, selector)).toBe(true);
    selector.a = { $regex: /^y/ };
    expect(matchesSelector({ a: 'xy' }, selector)).toBe(false);
    selector.a = { $gt: Number.POSITIVE_INFINITY };
    expect(matchesSelector({ a: 'xy' }, selector)).toBe(true);
    selector.a = { $gt: null };
    expect(matchesSelector({ a: false }, selector)).toBe(true);
  });

  it('never reads prototypes: inherited members are missing fields', () => {
    const doc = { _id: 'x', a: 5, s: 'abc' };
    expect(matchesSelector(doc, { constructor: { $exists: true } })).toBe(false);
    expect(matchesSelector(doc, { constructor: { $exists: false } })).toBe(true);
    expect(matchesSelector(doc, { 'constructor.name': 'Object' })).toBe(false);
    expect(matchesSelector(doc, { 'a.toFixed': { $exists: true } })).toBe(false);
    expect(matchesSelector(doc, { toString: { $gt: null } })).toBe(false);
    expect(matchesSelector(doc, { 's.length': 3 })).toBe(true);
  });

  it('keeps conditions on a field named __proto__ (JSON can write one)', () => {
    const doc = JSON.parse('{"_id": "x", "__proto__": 5, "o": {"__proto__": {"b": 1}}}');
    const match = (selector: string): boolean => matchesSelector(doc, JSON.parse(selector));
    expect(match('{"__proto__": 5}')).toBe(true);
    expect(match('{"__proto__": 6}')).toBe(false);
    expect(match('{"__proto__": {"$exists": false}}')).toBe(false);
    expect(match('{"$and": [{"__proto__": 6}]}')).toBe(false);
    expect(match('{"$or": [{"__proto__": 6}]}')).toBe(false);
    expect(match('{"$not": {"__proto__": 5}}')).toBe(false);
    expect(match('{"o": {"__proto__": {"b": 2}}}')).toBe(false);
    expect(match('{"o": {"__proto__": {"b": 1}}}')).toBe(true);
    expect(matchesSelector({ a: 1 }, JSON.parse('{"__proto__": {"$exists": true}}'))).toBe(false);
    expect(({} as Record<string, unknown>).b).toBeUndefined();
  });

  it('keeps refusing a malformed selector on every call', () => {
    const selector = { a: { $in: 1 } };
    expect(() => matchesSelector({}, selector)).toThrow('Query operator $in must be an array');
    expect(() => matchesSelector({}, selector)).toThrow('Query operator $in must be an array');
  });

  it('works on selectors JSON cannot fingerprint', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(matchesSelector({ a: deep }, { a: { $eq: deep } })).toBe(true);
    expect(matchesSelector({ a: 1 }, { a: { $ne: 10n } })).toBe(true);
  });

  it('takes any document, as @satchel/changes passes them', () => {
    expect(matchesSelector({}, { a: { $exists: false } })).toBe(true);
    expect(matchesSelector(null, { a: { $exists: false } })).toBe(true);
    expect(matchesSelector('text', { length: 4 })).toBe(true);
  });

  it('compileSelector does not see later changes to the selector', () => {
    const selector: Record<string, unknown> = { a: 1 };
    const test = compileSelector(selector);
    selector.a = 2;
    expect(test({ a: 1 })).toBe(true);
  });
});
