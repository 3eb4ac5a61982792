import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Strict } from '../src/base64.js';

// PouchDB on Node refuses any attachment text that re-encoding its bytes would not give back.
// Satchel compares a slice at a time, so a fault anywhere in a large text must still count.
describe('decodeBase64Strict', () => {
  const bytes = randomBytes(3 * 1024 * 1024 + 2); // several comparison slices, and padding
  const text = bytes.toString('base64');
  const at = (i: number, c: string): string => text.slice(0, i) + c + text.slice(i + 1);
  const refused = /not a valid base64 string/;

  it('decodes canonical base64 of any length', () => {
    expect(Buffer.from(decodeBase64Strict(text)).equals(bytes)).toBe(true);
    for (const n of [0, 1, 2, 3, 4]) {
      const small = randomBytes(n);
      expect(Buffer.from(decodeBase64Strict(small.toString('base64'))).equals(small)).toBe(true);
    }
  });

  it('refuses a fault in any slice: other alphabets, spaces, missing or extra characters', () => {
    const late = text.length - 1_000_000; // past the first slice
    for (const i of [5, late]) {
      const c = text[i] === '+' ? '/' : '+';
      expect(() => decodeBase64Strict(at(i, '-'))).toThrow(refused); // base64url
      expect(() => decodeBase64Strict(at(i, '_'))).toThrow(refused);
      expect(() => decodeBase64Strict(at(i, ' '))).toThrow(refused);
      expect(() => decodeBase64Strict(at(i, '!'))).toThrow(refused);
      expect(Buffer.from(decodeBase64Strict(at(i, c))).length).toBe(bytes.length);
    }
    expect(() => decodeBase64Strict(text.slice(0, -1))).toThrow(refused);
    expect(() => decodeBase64Strict(`${text}=`)).toThrow(refused);
    expect(() => decodeBase64Strict(`${text}QQ==`)).toThrow(refused); // padding mid-text
  });

  it('refuses non-canonical padding bits and padding in the middle', () => {
    expect(() => decodeBase64Strict('QR==')).toThrow(refused); // "A" is QQ==
    expect(() => decodeBase64Strict('QUI=')).not.toThrow();
    expect(() => decodeBase64Strict('QUJ=')).toThrow(refused); // "AB" is QUI=
    expect(() => decodeBase64Strict('QQ==QUJD')).toThrow(refused);
    expect(() => decodeBase64Strict('QQ')).toThrow(refused);
  });

  it("accepts exactly the text PouchDB's check accepts: what re-encoding gives back (fast-check)", () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \n!';
    const char = fc.integer({ min: 0, max: alphabet.length - 1 }).map((i) => alphabet[i]!);
    fc.assert(
      fc.property(fc.string({ unit: char, maxLength: 24 }), (t) => {
        const canonical = Buffer.from(t, 'base64').toString('base64') === t;
        if (canonical) expect(Buffer.from(decodeBase64Strict(t)).toString('base64')).toBe(t);
        else expect(() => decodeBase64Strict(t)).toThrow(refused);
      }),
      { numRuns: 5000 },
    );
  });
});
