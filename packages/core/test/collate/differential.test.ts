import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collate,
  normalizeKey,
  parseIndexableString,
  toIndexableString,
} from '../../src/collate/index.js';
import { adjacentNumbers, jsonKey, narrowKey, rawKey } from './arbitraries.js';
import { pouch } from './pouchdb-collate.js';
import { describeKey } from './same-key.js';

/** Several keys at once: every ordered pair among them is compared. */
const keyLists = [
  ['JSON keys', fc.array(jsonKey, { minLength: 2, maxLength: 6 })],
  ['keys needing normalisation', fc.array(rawKey, { minLength: 2, maxLength: 6 })],
  ['keys from a tiny vocabulary', fc.array(narrowKey, { minLength: 2, maxLength: 8 })],
] as const;

const RUNS = 2000;

/** Our collate against pouchdb-collate's, which throws where both sides normalise to null. */
function expectSameOrder(a: unknown, b: unknown): void {
  let expected: number;
  try {
    expected = pouch.collate(a, b);
  } catch {
    // pouchdb-collate calls Object.keys(null) for two distinct null-like keys; we say "equal".
    expect(normalizeKey(a)).toBeNull();
    expect(normalizeKey(b)).toBeNull();
    expect(collate(a, b)).toBe(0);
    return;
  }
  expect(Math.sign(collate(a, b))).toBe(Math.sign(expected));
}

function stringOrder(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** True when the key comes back exactly (Object.is on numbers) from its indexable string. */
function roundTrips(key: unknown): boolean {
  const back = parseIndexableString(toIndexableString(key));
  return describeKey(back) === describeKey(normalizeKey(key));
}

describe.each(keyLists)('against pouchdb-collate 9: %s', (_name, lists) => {
  it('orders every pair the same way', () => {
    fc.assert(
      fc.property(lists, (keys) => {
        for (const a of keys) for (const b of keys) expectSameOrder(a, b);
      }),
      { numRuns: RUNS },
    );
  });

  it('writes byte-identical indexable strings and parses them identically', () => {
    fc.assert(
      fc.property(lists, (keys) => {
        for (const key of keys) {
          const text = toIndexableString(key);
          expect(text).toBe(pouch.toIndexableString(key));
          const parsed = parseIndexableString(text);
          expect(describeKey(parsed)).toBe(describeKey(pouch.parseIndexableString(text)));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('normalises identically', () => {
    fc.assert(
      fc.property(lists, (keys) => {
        for (const key of keys) {
          expect(describeKey(normalizeKey(key))).toBe(describeKey(pouch.normalizeKey(key)));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('sorts indexable strings in collate order', () => {
    fc.assert(
      fc.property(lists, (keys) => {
        const texts = keys.map(toIndexableString);
        const exact = keys.map(roundTrips);
        keys.forEach((a, i) => {
          keys.forEach((b, j) => {
            const byCollate = Math.sign(collate(a, b));
            const byText = stringOrder(texts[i]!, texts[j]!);
            if (exact[i] && exact[j]) expect(byText).toBe(byCollate);
            // Lossy numbers may tie in the encoding, but never point the other way.
            else expect(byText * byCollate).toBeGreaterThanOrEqual(0);
          });
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('against pouchdb-collate 9: adjacent doubles', () => {
  it('agrees on order, encoding and decoding, and never inverts', () => {
    fc.assert(
      fc.property(adjacentNumbers, ([low, high]) => {
        expectSameOrder(low, high);
        expectSameOrder([low], [high]);
        for (const value of [low, high]) {
          expect(toIndexableString(value)).toBe(pouch.toIndexableString(value));
          const text = toIndexableString(value);
          expect(parseIndexableString(text)).toBe(pouch.parseIndexableString(text));
        }
        const byText = stringOrder(toIndexableString(low), toIndexableString(high));
        expect(byText).toBeLessThanOrEqual(0);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('against pouchdb-collate 9: string bodies', () => {
  it('decodes any run of escape units as its three-pass replacement does', () => {
    const body = fc.string({ unit: fc.constantFrom('\u0001', '\u0002', 'a'), maxLength: 12 });
    fc.assert(
      fc.property(body, (text) => {
        const encoded = `4${text}\u0000`;
        expect(parseIndexableString(encoded)).toBe(pouch.parseIndexableString(encoded));
      }),
      { numRuns: 5000 },
    );
  });
});
