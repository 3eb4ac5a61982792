import { describe, expect, it } from 'vitest';
import { formatRev, isRevString, parseRevString } from '../../src/rev-tree/index.js';

describe('parseRevString', () => {
  it('splits at the first dash', () => {
    expect(parseRevString('12-abc')).toStrictEqual({ pos: 12, id: 'abc' });
    expect(parseRevString('1-a-b')).toStrictEqual({ pos: 1, id: 'a-b' });
    expect(parseRevString('3-')).toStrictEqual({ pos: 3, id: '' });
  });

  it('rejects what PouchDB rejects as INVALID_REV', () => {
    for (const bad of ['abc', '-1-a', 'x1-a', '', '1']) expect(parseRevString(bad)).toBeUndefined();
  });
});

describe('isRevString', () => {
  it("follows PouchDB's isValidRev", () => {
    expect(isRevString('1-abc')).toBe(true);
    expect(isRevString('1-')).toBe(true);
    expect(isRevString('1-a-b')).toBe(false);
    expect(isRevString('a-1')).toBe(false);
    expect(isRevString(1)).toBe(false);
  });
});

describe('formatRev', () => {
  it('joins generation and hash', () => {
    expect(formatRev(3, 'x')).toBe('3-x');
  });
});
