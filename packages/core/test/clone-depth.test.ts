import { describe, expect, it } from 'vitest';
import { clone } from '../src/clone.js';
import { stringify } from '../src/json-stringify.js';

/**
 * clone copies shallow documents recursively and hands deeper ones to the stack-safe copy;
 * these tests pin that both paths, and the switch between them, give the same result.
 */

/** `depth` containers, alternating object and array, with awkward members at every level. */
function nested(depth: number): { root: Record<string, unknown>; leaf: Record<string, unknown> } {
  const leaf: Record<string, unknown> = { zero: -0, gone: undefined, when: new Date(0) };
  let node: unknown = leaf;
  for (let i = 1; i < depth; i++) {
    node = i % 2 ? [node, undefined, -0] : { child: node, skip: undefined, n: i };
  }
  return { root: { top: node }, leaf };
}

/** What clone must give for `nested(depth).root`, built independently. */
function expected(depth: number): unknown {
  let node: unknown = { zero: 0, when: new Date(0).toISOString() };
  for (let i = 1; i < depth; i++) node = i % 2 ? [node, undefined, 0] : { child: node, n: i };
  return { top: node };
}

/** The innermost object of a {@link nested} structure (or of its copy). */
function leafOf(root: unknown): unknown {
  let node = (root as { top: unknown }).top;
  for (;;) {
    if (Array.isArray(node)) node = node[0];
    else if ('child' in (node as object)) node = (node as { child: unknown }).child;
    else return node;
  }
}

describe('clone at and around the recursion budget', () => {
  for (const depth of [1, 2, 46, 47, 48, 49, 50, 64, 500, 20_000]) {
    it(`copies ${depth} levels like the reference, -0 as 0, undefined members dropped`, () => {
      const { root } = nested(depth);
      const copy = clone(root);
      expect(copy).not.toBe(root);
      // toStrictEqual itself recurses: deep copies are compared as JSON, and their leaf alone.
      if (depth <= 500) expect(copy).toStrictEqual(expected(depth));
      else {
        expect(stringify(copy)).toBe(stringify(expected(depth)));
        expect(leafOf(copy)).toStrictEqual({ zero: 0, when: new Date(0).toISOString() });
      }
    });
  }

  it('copies binary data at any depth instead of sharing it', () => {
    for (const depth of [3, 200]) {
      const { root, leaf } = nested(depth);
      const bytes = Buffer.from('abc');
      leaf.bytes = bytes;
      const copied = (leafOf(clone(root)) as { bytes: Buffer }).bytes;
      expect(Buffer.isBuffer(copied)).toBe(true);
      expect(copied).not.toBe(bytes);
      expect(copied.toString()).toBe('abc');
    }
  });

  it('refuses a cycle near the root and one beyond the budget with TypeError', () => {
    for (const depth of [2, 10, 47, 48, 49, 300]) {
      const { root, leaf } = nested(depth);
      leaf.back = root;
      expect(() => clone(root)).toThrow(TypeError);
    }
    const list: unknown[] = [];
    list.push(list);
    expect(() => clone(list)).toThrow(TypeError);
  });

  it('keeps shared (non-cyclic) subtrees as separate copies', () => {
    const shared = { v: 1 };
    const copy = clone({ a: shared, b: [shared, shared] });
    expect(copy).toStrictEqual({ a: { v: 1 }, b: [{ v: 1 }, { v: 1 }] });
    expect(copy.a).not.toBe(shared);
  });

  it('lets an error thrown by a getter through unchanged', () => {
    const doc = {
      get bad(): unknown {
        throw new RangeError('from a getter');
      },
    };
    expect(() => clone(doc)).toThrow('from a getter');
  });
});
