import { type DocRecord, type RevTreeNode, stringifyIteratively } from '@satchel/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  docValue,
  headerJson,
  parseDocRecord,
  splitDocValue,
  winnerOf,
} from '../src/doc-value.js';
import { parseRevTree, revTreeJson } from '../src/rev-tree-codec.js';

/** Text with the characters JSON escapes, surrogates (paired and lone) and plain ASCII. */
const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('doc-000001', 'a"b', 'back\\slash', '\u0000\u001f', '😀', '\ud800x', '\n,"'),
);

const opts = fc.constantFrom(
  { status: 'available' },
  { status: 'available', deleted: true },
  { status: 'missing' },
  { status: 'missing', deleted: true },
  { deleted: true, status: 'available' },
  {},
  { status: 'available', deleted: false },
);

/** A subtree at most `depth` generations deep. */
function nodeOf(depth: number): fc.Arbitrary<RevTreeNode> {
  const children = depth === 0 ? fc.constant([]) : fc.array(nodeOf(depth - 1), { maxLength: 3 });
  return fc.tuple(text, opts, children) as fc.Arbitrary<RevTreeNode>;
}

const record: fc.Arbitrary<DocRecord> = fc
  .record({
    id: text,
    roots: fc.array(fc.record({ pos: fc.integer({ min: 1, max: 1e9 }), ids: nodeOf(4) }), {
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

describe('document entries (format 1)', () => {
  it('give back the record, the winner and the body they were made from (fast-check)', () => {
    fc.assert(
      fc.property(record, fc.option(fc.json()), fc.boolean(), (r, body, withId) => {
        const value = docValue(headerJson(r, withId), body ?? undefined);
        const read = parseDocRecord(value, withId ? 'key text' : r.id);
        expect(read).toEqual(r);
        expect(winnerOf(value)).toBe(r.winningRev);
        expect(bodyOf(value)).toBe(body ?? undefined);
        expect(splitDocValue(value).body).toBe(body ?? undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('store the usual one-revision record compactly', () => {
    const hash = '0123456789abcdef0123456789abcdef';
    const r: DocRecord = {
      id: 'doc',
      rev_tree: [{ pos: 1, ids: [hash, { status: 'available' }, []] }],
      winningRev: `1-${hash}`,
      deleted: false,
      seq: 7,
    };
    expect(headerJson(r, false)).toBe(`[7,"1-${hash}",0,[[1,"${hash}",0]]]`);
    expect(docValue(headerJson(r, false), '{"a":1}')).toBe(
      `[7,"1-${hash}",0,[[1,"${hash}",0]]]\n{"a":1}`,
    );
  });

  it('write linear histories flat, whatever their length', () => {
    for (const depth of [1, 2, 64, 20_000]) {
      let chain: RevTreeNode = [`h${depth}`, { status: 'available' }, []];
      for (let i = depth - 1; i > 0; i--) chain = [`h${i}`, { status: 'missing' }, [chain]];
      const json = revTreeJson([{ pos: 1, ids: chain }]);
      expect(json.split('[').length - 1).toBe(2);
      // Compared as text: a deep equality check would itself overflow the stack.
      const read = parseRevTree(JSON.parse(json));
      expect(stringifyIteratively(read)).toBe(stringifyIteratively([{ pos: 1, ids: chain }]));
    }
  });

  it('nest only at branch points', () => {
    const tree = [
      {
        pos: 1,
        ids: [
          'a',
          { status: 'available' },
          [
            [
              'b',
              { status: 'available' },
              [
                ['c', { status: 'available' }, []],
                ['d', { status: 'available', deleted: true }, []],
              ],
            ],
          ],
        ] as RevTreeNode,
      },
    ];
    expect(revTreeJson(tree)).toBe('[[1,"a",0,"b",0,["c",0],["d",1]]]');
    expect(parseRevTree(JSON.parse(revTreeJson(tree)))).toEqual(tree);
  });
});
