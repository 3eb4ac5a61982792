import { describe, expect, it } from 'vitest';
import { selectorTimeLimitMs, timeLimitedRunner } from '../src/time-limited.js';

/** A pattern that backtracks exponentially on a run of `a`s that does not end the string. */
const CATASTROPHIC = /^(a+)+$/;
const HOSTILE_TEXT = `${'a'.repeat(40)}!`;

describe('timeLimitedRunner', () => {
  it('stops a regular expression backtracking past the limit with a 400', () => {
    const limit = timeLimitedRunner(1000, 'Matching');
    expect(limit).toBeTypeOf('function');
    let thrown: unknown;
    try {
      limit?.(() => CATASTROPHIC.test(HOSTILE_TEXT));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({
      status: 400,
      name: 'bad_request',
      message: 'Matching took over 1000 ms',
      reason: 'Matching took over 1000 ms',
    });
    // The same runner serves the next call.
    expect(limit?.(() => CATASTROPHIC.test('aaa'))).toBe(true);
  });

  it('returns what the call returns and passes its own errors through', () => {
    const limit = timeLimitedRunner(1000, 'Matching');
    const rows = [{ a: 1 }];
    expect(limit?.(() => rows)).toBe(rows);
    const own = new TypeError('mine');
    expect(() =>
      limit?.(() => {
        throw own;
      }),
    ).toThrow(own);
  });
});

describe('selectorTimeLimitMs', () => {
  it('is the limit only for a selector with $regex on a database with one', () => {
    const regex = JSON.stringify({ s: { $regex: '^a' } });
    expect(selectorTimeLimitMs({}, regex)).toBeUndefined();
    expect(selectorTimeLimitMs({ selector_time_limit: 0 }, regex)).toBeUndefined();
    expect(selectorTimeLimitMs({ selector_time_limit: '50' }, regex)).toBeUndefined();
    expect(selectorTimeLimitMs({ selector_time_limit: 50 }, '{"s":1}')).toBeUndefined();
    expect(selectorTimeLimitMs({ selector_time_limit: 50 }, regex)).toBe(50);
  });
});
