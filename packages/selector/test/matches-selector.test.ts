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
