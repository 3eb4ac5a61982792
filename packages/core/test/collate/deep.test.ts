import { describe, expect, it } from 'vitest';
import {
  collate,
  normalizeKey,
  parseIndexableString,
  toIndexableString,
} from '../../src/collate/index.js';
import { stringifyIteratively } from '../../src/json-stringify.js';

type Shape = 'arrays' | 'objects' | 'mixed';

/** A key `depth` containers deep around `leaf`; "mixed" alternates arrays and objects. */
function nest(shape: Shape, depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) {
    const asArray = shape === 'arrays' || (shape === 'mixed' && level % 2 === 0);
    value = asArray ? [value, undefined] : { k: value, skip: undefined, n: Number.NaN };
  }
  return value;
}

/** JSON text of a deep value, without recursion. */
function json(value: unknown): string {
  return stringifyIteratively(value) as string;
}

describe.each([10_000, 100_000])('keys %i levels deep', (depth) => {
  describe.each(['arrays', 'objects', 'mixed'] as const)('of %s', (shape) => {
    const key = nest(shape, depth, 1);
    const same = nest(shape, depth, 1);
    const larger = nest(shape, depth, 2);
    const normalised = nest(shape, depth, 1);

    it('collates without overflowing the stack', () => {
      expect(collate(key, same)).toBe(0);
      expect(collate(key, larger)).toBeLessThan(0);
      expect(collate(larger, key)).toBeGreaterThan(0);
      expect(collate(key, nest(shape, depth - 1, 1))).toBeGreaterThan(0);
    });

    it('normalises without overflowing the stack', () => {
      const result = normalizeKey(key);
      expect(json(result)).toBe(json(normalised));
      expect(json(result)).not.toContain('skip');
    });

    it('writes and parses indexable strings without overflowing the stack', () => {
      const text = toIndexableString(key);
      expect(text < toIndexableString(larger)).toBe(true);
      expect(json(parseIndexableString(text))).toBe(json(normalizeKey(key)));
    });
  });
});

describe('circular keys', () => {
  const loop: unknown[] = [];
  loop.push(loop);
  const other: unknown[] = [];
  other.push(other);
  const objectLoop: Record<string, unknown> = {};
  objectLoop.self = { again: objectLoop };

  it('throw TypeError instead of looping forever', () => {
    expect(() => normalizeKey(loop)).toThrow(TypeError);
    expect(() => normalizeKey(objectLoop)).toThrow(TypeError);
    expect(() => toIndexableString(loop)).toThrow(TypeError);
    expect(() => toIndexableString(objectLoop)).toThrow(TypeError);
    expect(() => collate(loop, other)).toThrow(TypeError);
  });

  it('are told apart from deep keys that share a member', () => {
    const shared = nest('mixed', 3_000, 'leaf');
    const key = [shared, { again: shared }];
    expect(() => normalizeKey(key)).not.toThrow();
    expect(toIndexableString(key)).toBe(toIndexableString(normalizeKey(key)));
    expect(collate(key, normalizeKey(key))).toBe(0);
  });
});
