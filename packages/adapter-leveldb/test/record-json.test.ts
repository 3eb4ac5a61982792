import { type DocRecord, type RevTreeNode, stringify } from '@satchel/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordJson } from '../src/record-json.js';

/** Text with the characters JSON escapes, surrogates (paired and lone) and plain ASCII. */
const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('doc-000001', 'a"b', 'back\\slash', '\u0000\u001f', '😀', '\ud800x', '\u2028é'),
);

const opts = fc.oneof(
  fc.constant({ status: 'available' }),
  fc.constant({ status: 'available', deleted: true }),
  fc.constant({ status: 'missing' }),
  fc.constant({ deleted: true, status: 'available' }),
  fc.constant({}),
  fc.constant({ status: 'available', deleted: false }),
  fc.constant({ status: 'missing', deleted: true }),
);

/** A subtree at most `depth` generations deep. */
function nodeOf(depth: number): fc.Arbitrary<RevTreeNode> {
  const children = depth === 0 ? fc.constant([]) : fc.array(nodeOf(depth - 1), { maxLength: 3 });
  return fc.tuple(text, opts, children) as fc.Arbitrary<RevTreeNode>;
}
const node = nodeOf(4);

const record = fc
  .record({
    id: text,
    roots: fc.array(fc.record({ pos: fc.integer({ min: 1, max: 1e9 }), ids: node }), {
      maxLength: 3,
    }),
    winningRev: text,
    deleted: fc.boolean(),
    seq: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    attachments: fc.boolean(),
  })
  .map(({ id, roots, winningRev, deleted, seq, attachments }) => {
    const r: DocRecord = { id, rev_tree: roots, winningRev, deleted, seq };
    if (attachments) r.attachments = true;
    return r;
  });

describe('recordJson', () => {
  it('is byte for byte stringify(record) (fast-check)', () => {
    fc.assert(
      fc.property(record, (r) => {
        expect(recordJson(r)).toBe(stringify(r));
      }),
      { numRuns: 3000 },
    );
  });

  it('falls back to the generic serialiser for other shapes, in any key order', () => {
    const base: DocRecord = {
      id: 'a',
      rev_tree: [{ pos: 1, ids: ['h', { status: 'available' }, []] }],
      winningRev: '1-h',
      deleted: false,
      seq: 3,
    };
    const odd: unknown[] = [
      Object.assign({ seq: 3 }, base),
      { ...base, extra: 1 },
      { ...base, seq: Number.NaN },
      { ...base, rev_tree: [{ ids: base.rev_tree[0]!.ids, pos: 1 }] },
      { ...base, rev_tree: [{ pos: 1, ids: ['h', { status: 'available' }, [undefined]] }] },
    ];
    for (const r of odd) expect(recordJson(r as DocRecord)).toBe(stringify(r));
  });

  it('handles histories deeper than its recursion budget', () => {
    for (const depth of [63, 64, 65, 5000]) {
      let chain: RevTreeNode = [`h${depth}`, { status: 'available' }, []];
      for (let i = depth - 1; i > 0; i--) chain = [`h${i}`, { status: 'missing' }, [chain]];
      const r: DocRecord = {
        id: 'deep',
        rev_tree: [{ pos: 1, ids: chain }],
        winningRev: `${depth}-h${depth}`,
        deleted: false,
        seq: 1,
      };
      expect(recordJson(r)).toBe(stringify(r));
    }
  });
});
