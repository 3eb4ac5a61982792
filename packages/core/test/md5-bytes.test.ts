import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Md5Bytes } from '../src/md5-bytes.js';

const nodeMd5 = (bytes: Uint8Array) => new Uint8Array(createHash('md5').update(bytes).digest());

describe('Md5Bytes (the JavaScript MD5 browsers use)', () => {
  it('gives RFC 1321 test-suite digests', () => {
    const hex = (s: string) =>
      Buffer.from(new Md5Bytes().update(new TextEncoder().encode(s)).digest()).toString('hex');
    expect(hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(hex('1234567890'.repeat(8))).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });

  it('agrees with Node’s MD5 on any bytes, fed in any pieces', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.array(fc.nat(600), { maxLength: 6 }),
        (bytes, cuts) => {
          const md5 = new Md5Bytes();
          let at = 0;
          for (const cut of [...cuts].sort((a, b) => a - b)) {
            const end = Math.min(cut, bytes.length);
            if (end < at) continue;
            md5.update(bytes.subarray(at, end));
            at = end;
          }
          md5.update(bytes.subarray(at));
          expect(md5.digest()).toEqual(nodeMd5(bytes));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles lengths around the 56- and 64-byte padding boundaries and large input', () => {
    for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 128, 1 << 20]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31) & 0xff);
      expect(new Md5Bytes().update(bytes).digest()).toEqual(nodeMd5(bytes));
    }
  });
});
